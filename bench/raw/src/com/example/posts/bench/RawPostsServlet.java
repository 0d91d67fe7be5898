package com.example.posts.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.tomcat.jdbc.pool.DataSource;
import org.apache.tomcat.jdbc.pool.PoolProperties;

/**
 * The benchmark's baseline: the least a servlet can do for the same JSON answers as {@code GET /posts/{id}}
 * and {@code GET /posts?limit=N}: a tomcat-jdbc pool, one prepared statement, one ObjectMapper. No framework,
 * no validation beyond parsing the id, no filters.
 */
public final class RawPostsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String ONE = "select id, content, author_email, created_time, version from post where id = ?";
    private static final String NEWEST = "select id, content, author_email, created_time, version from post"
            + " order by id desc limit ?";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

    private final transient ObjectMapper json = new ObjectMapper();
    private transient DataSource pool;

    @Override
    public void init() {
        Map<String, String> env = System.getenv();
        PoolProperties properties = new PoolProperties();
        properties.setUrl("jdbc:mysql://" + env.get("MYSQL_HOST") + ":" + env.get("MYSQL_PORT") + "/"
                + env.get("MYSQL_DB") + "?characterEncoding=UTF-8&useServerPrepStmts=true&cachePrepStmts=true"
                + "&cacheServerConfiguration=true&useLocalSessionState=true&elideSetAutoCommits=true"
                + "&maintainTimeStats=false&cacheResultSetMetadata=true");
        properties.setDriverClassName("com.mysql.cj.jdbc.Driver");
        properties.setUsername(env.get("MYSQL_USER"));
        properties.setPassword(env.get("MYSQL_PASS"));
        properties.setMaxActive(20);
        properties.setMaxIdle(20);
        properties.setJmxEnabled(false);
        pool = new DataSource(properties);
    }

    @Override
    public void destroy() {
        pool.close();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String path = request.getPathInfo();
        try (Connection connection = pool.getConnection()) {
            if (path == null || path.equals("/")) {
                list(connection, request, response);
            } else {
                one(connection, path.substring(1), response);
            }
        } catch (SQLException e) {
            throw new ServletException(e);
        }
    }

    private void one(Connection connection, String id, HttpServletResponse response)
            throws SQLException, IOException {
        int postId;
        try {
            postId = Integer.parseInt(id);
        } catch (NumberFormatException e) {
            response.sendError(404);
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(ONE)) {
            statement.setInt(1, postId);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    response.sendError(404);
                    return;
                }
                Map<String, Object> post = post(row);
                response.setContentType("application/json");
                response.setHeader("ETag", "\"" + row.getInt(5) + "\"");
                json.writeValue(response.getOutputStream(), post);
            }
        }
    }

    private void list(Connection connection, HttpServletRequest request, HttpServletResponse response)
            throws SQLException, IOException {
        String limitParam = request.getParameter("limit");
        int limit = limitParam == null ? 20 : Integer.parseInt(limitParam);
        List<Map<String, Object>> items = new ArrayList<>(limit);
        try (PreparedStatement statement = connection.prepareStatement(NEWEST)) {
            statement.setInt(1, limit + 1);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    items.add(post(row));
                }
            }
        }
        String next = null;
        if (items.size() > limit) {
            items.remove(limit);
            next = "/posts?limit=" + limit + "&before=" + items.get(limit - 1).get("id");
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", items);
        page.put("next", next);
        response.setContentType("application/json");
        json.writeValue(response.getOutputStream(), page);
    }

    private static Map<String, Object> post(ResultSet row) throws SQLException {
        Map<String, Object> post = new LinkedHashMap<>();
        post.put("id", row.getInt(1));
        post.put("content", row.getString(2));
        post.put("author_email", row.getString(3));
        post.put("created_time", TIME.format(row.getObject(4, java.time.LocalDateTime.class)
                .toInstant(ZoneOffset.UTC)));
        return post;
    }
}
