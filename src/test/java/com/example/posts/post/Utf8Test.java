package com.example.posts.post;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.posts.support.IndependentOfTestDatabase;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@IndependentOfTestDatabase
class Utf8Test {

    @ParameterizedTest
    @CsvSource({
        "'', 0",
        "abc, 3",
        "é, 2",
        "한, 3",
        "😀, 4",
        "a é 한 😀, 13"})
    void countsTheBytesOfEachCharacterInUtf8(String text, long bytes) {
        assertEquals(bytes, Utf8.encodedLength(text));
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length, bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\ud800", "x\ud800y", "\udc00", "\ude00\ud83d"})
    void anUnpairedSurrogateHasNoLength(String text) {
        assertEquals(-1, Utf8.encodedLength(text));
    }
}
