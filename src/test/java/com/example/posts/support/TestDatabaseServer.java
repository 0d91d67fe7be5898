package com.example.posts.support;

import com.example.posts.config.DatabaseSettings;

/** A MySQL-family server the tests run against, and how they reach it. */
public record TestDatabaseServer(String description, DatabaseSettings settings) {

    @Override
    public String toString() {
        return description + " (" + settings + ")";
    }
}
