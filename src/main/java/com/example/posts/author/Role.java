package com.example.posts.author;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an author may do: an author writes their own posts; an admin may do everything. */
public enum Role {
    AUTHOR, ADMIN;

    /** As the API and the {@code author.role} column spell it. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWireName(String name) {
        return Arrays.stream(values()).filter(role -> role.wireName().equals(name)).findFirst();
    }

    @JsonCreator
    static Role parse(String name) {
        return fromWireName(name).orElse(null);
    }
}
