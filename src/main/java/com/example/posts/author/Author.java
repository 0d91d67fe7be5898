package com.example.posts.author;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.Optional;

/** An author as stored in the {@code author} table; times are UTC wall-clock values, as a post's. */
@Entity
@Table(name = "author")
public class Author {
    public static final int MAX_DISPLAY_NAME_CHARS = 100;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Integer id;

    @Column(name = "email", nullable = false, updatable = false)
    private String email;

    @Column(name = "email_key", nullable = false, updatable = false)
    private String emailKey;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Convert(converter = RoleColumn.class)
    @Column(name = "role", nullable = false)
    private Role role;

    @Column(name = "created_time", nullable = false, updatable = false)
    private LocalDateTime createdTime;

    @Column(name = "disabled_time")
    private LocalDateTime disabledTime;

    protected Author() {
        // for Hibernate
    }

    public Author(String email, String displayName, Role role, LocalDateTime createdTime) {
        this.email = email;
        this.emailKey = EmailKey.of(email);
        this.displayName = displayName;
        this.role = role;
        this.createdTime = createdTime;
    }

    void disable(LocalDateTime now) {
        if (disabledTime == null) {
            disabledTime = now;
        }
    }

    public int id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String emailKey() {
        return emailKey;
    }

    public String displayName() {
        return displayName;
    }

    public Role role() {
        return role;
    }

    public LocalDateTime createdTime() {
        return createdTime;
    }

    public Optional<LocalDateTime> disabledTime() {
        return Optional.ofNullable(disabledTime);
    }

    public boolean isEnabled() {
        return disabledTime == null;
    }

    /** The column holds the API's spelling of the role. */
    @Converter
    static final class RoleColumn implements AttributeConverter<Role, String> {
        @Override
        public String convertToDatabaseColumn(Role role) {
            return role.wireName();
        }

        @Override
        public Role convertToEntityAttribute(String column) {
            return Role.fromWireName(column).orElseThrow(() -> new IllegalStateException(
                    "author.role holds '" + column + "', which this release does not know"));
        }
    }
}
