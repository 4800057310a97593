package com.example.csbs.stub.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The preferences of RFC 7240 {@code Prefer} headers ({@code "status=503"}, {@code "return=minimal, backup=error"}),
 * by lower-case name; the first of a name wins, parameters after {@code ;} are ignored.
 */
public final class Preferences {

    public static final String HEADER = "Prefer";

    private Preferences() {
    }

    public static Map<String, String> parse(List<String> headers) {
        Map<String, String> preferences = new LinkedHashMap<>();
        if (headers == null) {
            return preferences;
        }
        for (String header : headers) {
            for (String preference : header.split(",")) {
                String token = preference.split(";", 2)[0].trim();
                int equals = token.indexOf('=');
                String name = (equals < 0 ? token : token.substring(0, equals)).trim().toLowerCase(Locale.ROOT);
                String value = equals < 0 ? "" : token.substring(equals + 1).trim().replace("\"", "");
                if (!name.isEmpty()) {
                    preferences.putIfAbsent(name, value);
                }
            }
        }
        return preferences;
    }
}
