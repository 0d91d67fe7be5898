package com.example.posts.support;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure an image is on the Docker engine before Testcontainers starts it, with a bound on the pull:
 * an engine that answers but cannot reach its registry (an offline machine, an agent behind a mirror)
 * otherwise keeps Testcontainers retrying the pull for many minutes.
 */
final class DockerImages {
    private final DockerClient docker;

    DockerImages(DockerClient docker) {
        this.docker = docker;
    }

    /** Empty when the image is there (already, or pulled within the bound); else why it is not. */
    Optional<String> ensurePresent(String image, Duration pullBound) {
        try {
            if (isPresent(image)) {
                return Optional.empty();
            }
        } catch (RuntimeException e) {
            return Optional.of("the Docker engine cannot say whether it has " + image + ": " + e.getMessage());
        }
        ResultCallback.Adapter<PullResponseItem> pull = docker.pullImageCmd(image)
                .exec(new ResultCallback.Adapter<>());
        try {
            if (!pull.awaitCompletion(pullBound.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.of(image + " is not on the Docker engine and could not be pulled within "
                        + pullBound.toSeconds() + " s");
            }
            return isPresent(image) ? Optional.empty() : Optional.of(image + " could not be pulled");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while pulling " + image);
        } catch (RuntimeException e) {
            return Optional.of(image + " could not be pulled: " + e.getMessage());
        } finally {
            close(pull);
        }
    }

    private boolean isPresent(String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException absent) {
            return false;
        }
    }

    /** Ends a pull still running, so that it holds no connection to the engine. */
    private static void close(ResultCallback.Adapter<PullResponseItem> pull) {
        try {
            pull.close();
        } catch (IOException e) {
            // the pull's stream is gone either way
        }
    }
}
