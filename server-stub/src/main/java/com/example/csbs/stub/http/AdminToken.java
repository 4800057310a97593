package com.example.csbs.stub.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The token the admin API asks for ({@code Authorization: Bearer <token>}) when the stub is started with
 * one. It never shows itself: {@link #toString()} is masked, so that options and logs printing it leak nothing.
 */
public final class AdminToken {

    private static final String BEARER = "Bearer ";

    private final byte[] token;

    private AdminToken(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @throws IllegalArgumentException for a blank token, or one with white space or control characters inside
     *                                  (an {@code Authorization} header could not carry it)
     */
    public static AdminToken of(String token) {
        Objects.requireNonNull(token, "admin token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("the admin token is empty");
        }
        if (token.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("the admin token must not contain white space or control characters");
        }
        return new AdminToken(token);
    }

    /**
     * The token in a file, without the white space around it (the line break an editor or {@code echo} adds).
     *
     * @throws IllegalArgumentException when the file cannot be read or holds no token; the message starts with the file
     */
    public static AdminToken fromFile(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) { // missing, unreadable, a directory, not UTF-8
            throw new IllegalArgumentException(file + ": cannot be read (" + e + ")", e);
        }
        if (content.isBlank()) {
            throw new IllegalArgumentException(file + ": is empty");
        }
        try {
            return of(content.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether an {@code Authorization} header value is {@code Bearer <this token>} (the scheme in any case, as
     * RFC 9110 has it). The token is compared in constant time, so that answer times do not give it away.
     */
    public boolean matches(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] offered = authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(token, offered);
    }

    @Override
    public String toString() {
        return "AdminToken[****]";
    }
}
