package dev.runway.render;

import java.util.Objects;
import java.util.Optional;

/**
 * A service as Render's API reports it. Immutable.
 *
 * @param type the API's type word: {@code web_service}, {@code background_worker}, {@code private_service},
 *     {@code cron_job}, {@code static_site}
 * @param url the public URL, for web services and static sites
 */
public record RenderService(String id, String name, String type, boolean suspended, String dashboardUrl,
    Optional<String> url) {
  public RenderService {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(dashboardUrl, "dashboardUrl");
    Objects.requireNonNull(url, "url");
  }
}
