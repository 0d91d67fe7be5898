package com.example.posts.author;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One of an author's bearer tokens, as stored in {@code author_token}: its public id and its secret's SHA-256. */
@Entity
@Table(name = "author_token")
public class AuthorToken {
    public static final int MAX_LABEL_CHARS = 100;

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "author_id", nullable = false, updatable = false)
    private Author author;

    @Column(name = "label", nullable = false, updatable = false)
    private String label;

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "secret_hash", nullable = false, updatable = false, length = 32)
    private byte[] secretHash;

    @Column(name = "created_time", nullable = false, updatable = false)
    private LocalDateTime createdTime;

    @Column(name = "expires_time", updatable = false)
    private LocalDateTime expiresTime;

    @Column(name = "revoked_time")
    private LocalDateTime revokedTime;

    @Column(name = "last_used_time")
    private LocalDateTime lastUsedTime;

    protected AuthorToken() {
        // for Hibernate
    }

    AuthorToken(String id, Author author, String label, byte[] secretHash, LocalDateTime createdTime,
                LocalDateTime expiresTime) {
        this.id = id;
        this.author = author;
        this.label = label;
        this.secretHash = secretHash.clone();
        this.createdTime = createdTime;
        this.expiresTime = expiresTime;
    }

    byte[] secretHash() {
        return secretHash.clone();
    }

    void revoke(LocalDateTime now) {
        if (revokedTime == null) {
            revokedTime = now;
        }
    }

    public String id() {
        return id;
    }

    public Author author() {
        return author;
    }

    public String label() {
        return label;
    }

    public LocalDateTime createdTime() {
        return createdTime;
    }

    public Optional<LocalDateTime> expiresTime() {
        return Optional.ofNullable(expiresTime);
    }

    public Optional<LocalDateTime> revokedTime() {
        return Optional.ofNullable(revokedTime);
    }

    public Optional<LocalDateTime> lastUsedTime() {
        return Optional.ofNullable(lastUsedTime);
    }
}
