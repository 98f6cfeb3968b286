package dev.runway.supabase;

import java.util.Optional;

/**
 * One service's health from {@code GET /v1/projects/{ref}/health}.
 *
 * @param name {@code auth}, {@code db}, {@code pooler}, {@code realtime}, {@code rest}, {@code storage}, ...
 * @param status {@code ACTIVE_HEALTHY}, {@code COMING_UP} or {@code UNHEALTHY}
 * @param error the API's error text, when it gave one
 */
public record ServiceHealth(String name, String status, Optional<String> error) {
  public boolean isHealthy() {
    return status.equals("ACTIVE_HEALTHY");
  }
}
