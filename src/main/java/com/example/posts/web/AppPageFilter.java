package com.example.posts.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * In front of the container's default servlet on /app/*: sets {@link AppPageHeaders} and serves
 * /app/ as /app/index.html (with a path mapping, the container does not look for welcome files).
 */
public final class AppPageFilter extends HttpFilter {
    static final String PAGE = "/app/index.html";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        AppPageHeaders.applyTo(response::setHeader);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/app/")) {
            request.getRequestDispatcher(PAGE).forward(request, response);
            return;
        }
        chain.doFilter(request, response);
    }
}
