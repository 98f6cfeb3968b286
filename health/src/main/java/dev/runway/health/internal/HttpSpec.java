package dev.runway.health.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** What an HTTP probe sends and what it expects back. Header values may be secrets: never print them. */
public record HttpSpec(
    String method,
    String url,
    List<Map.Entry<String, String>> headers,
    @Nullable String contentType,
    @Nullable String body,
    List<Integer> expectedStatus,
    @Nullable Duration maxResponseTime,
    Map<String, Pattern> expectedHeaders,
    Map<String, String> expectedJson,
    int minCertificateDays) {}
