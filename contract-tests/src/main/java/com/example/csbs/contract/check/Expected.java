package com.example.csbs.contract.check;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The answers a request may get: statuses, each with the error_code it must carry ("" where the spec names none, or
 * for a success), and why (null for the documented cases, whose names say why).
 */
record Expected(Map<Integer, String> answers, String reason) {

    Expected {
        answers = Map.copyOf(answers);
    }

    static Expected status(int status) {
        return new Expected(Map.of(status, ""), null);
    }

    static Expected error(int status, String errorCode) {
        return new Expected(Map.of(status, errorCode), null);
    }

    /** Also this status, with this error_code (or null). */
    Expected or(int status, String errorCode) {
        Map<Integer, String> more = new TreeMap<>(answers);
        more.put(status, errorCode == null ? "" : errorCode);
        return new Expected(more, reason);
    }

    Expected because(String why) {
        return new Expected(answers, why);
    }

    boolean allows(int status) {
        return answers.containsKey(status);
    }

    /** The error_code the status must carry, or null. */
    String errorCode(int status) {
        String code = answers.get(status);
        return code == null || code.isEmpty() ? null : code;
    }

    /** {@code 200}, {@code 404 CSBS.3000}, {@code 400 or 404}, {@code 200 or 403 CSBS.9009}. */
    String describe() {
        return new TreeMap<>(answers).entrySet().stream()
                .map(answer -> answer.getValue().isEmpty() ? answer.getKey().toString() : answer.getKey() + " " + answer.getValue())
                .collect(Collectors.joining(" or "));
    }
}
