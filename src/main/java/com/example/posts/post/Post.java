package com.example.posts.post;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDateTime;

/** A post as stored in the {@code post} table. Times are UTC wall-clock values (the column is DATETIME). */
@Entity
@Table(name = "post")
public class Post {
    /** What a MySQL TEXT column holds, in bytes. */
    public static final int MAX_CONTENT_BYTES = 65_535;
    public static final int MAX_AUTHOR_EMAIL_CHARS = 100;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Integer id;

    @Column(name = "content", nullable = false, length = MAX_CONTENT_BYTES)
    private String content;

    @Column(name = "author_email", nullable = false, length = MAX_AUTHOR_EMAIL_CHARS)
    private String authorEmail;

    @Column(name = "created_time", nullable = false, updatable = false)
    private LocalDateTime createdTime;

    @Version
    @Column(name = "version", nullable = false)
    private int version;

    protected Post() {
        // for Hibernate
    }

    public Post(String content, String authorEmail, LocalDateTime createdTime) {
        this.content = content;
        this.authorEmail = authorEmail;
        this.createdTime = createdTime;
    }

    /** A post as it was when created, with the id it was given: what a replayed create answers again. */
    static Post created(int id, String content, String authorEmail, LocalDateTime createdTime) {
        Post post = new Post(content, authorEmail, createdTime);
        post.id = id;
        return post;
    }

    public void replace(String newContent, String newAuthorEmail) {
        this.content = newContent;
        this.authorEmail = newAuthorEmail;
    }

    public Integer id() {
        return id;
    }

    public String content() {
        return content;
    }

    public String authorEmail() {
        return authorEmail;
    }

    public LocalDateTime createdTime() {
        return createdTime;
    }

    public int version() {
        return version;
    }
}
