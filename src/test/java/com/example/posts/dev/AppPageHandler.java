package com.example.posts.dev;

import com.example.posts.web.AppPageHeaders;
import java.io.File;
import java.nio.file.Path;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.server.StaticHttpHandler;
import org.glassfish.grizzly.http.util.HttpStatus;

/**
 * The browser page in the dev run, straight from the source tree (an edit shows on reload), with the WAR's
 * headers and, like Tomcat's default servlet, a weak ETag and Last-Modified that make a reload a 304.
 */
final class AppPageHandler extends StaticHttpHandler {
    private final Path root;

    AppPageHandler(Path root) {
        super(root.toAbsolutePath().toString());
        this.root = root.toAbsolutePath();
        setFileCacheEnabled(false);
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        AppPageHeaders.applyTo(response::setHeader);
        String relative = getRelativeURI(request);
        File file = relative == null ? null : root.resolve(relative.replaceFirst("^/+", "")).toFile();
        if (file != null && file.isDirectory()) {
            file = new File(file, "index.html");
        }
        if (file != null && file.isFile()) {
            long modified = file.lastModified() / 1000 * 1000;
            String etag = "W/\"" + file.length() + "-" + modified + "\"";
            response.setHeader("ETag", etag);
            response.setDateHeader("Last-Modified", modified);
            if (etag.equals(request.getHeader("If-None-Match"))) {
                response.setStatus(HttpStatus.NOT_MODIFIED_304);
                return;
            }
        }
        super.service(request, response);
    }
}
