package dev.runway.render.internal;

import dev.runway.render.CustomDomain;
import dev.runway.render.Deploy;
import dev.runway.render.DeployStatus;
import dev.runway.render.RenderEnvVar;
import dev.runway.render.RenderService;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Render's JSON to Runway's values; a missing required field is a MalformedAnswer. */
public final class Wire {
  private Wire() {}

  public static RenderService service(JsonNode n, String call) {
    JsonNode details = n.path("serviceDetails");
    return new RenderService(text(n, "id", call), text(n, "name", call), text(n, "type", call),
        "suspended".equals(n.path("suspended").asString("")), n.path("dashboardUrl").asString(""),
        opt(details, "url"));
  }

  public static Deploy deploy(JsonNode n, String serviceId, String call) {
    return new Deploy(text(n, "id", call), serviceId,
        opt(n, "status").flatMap(DeployStatus::fromWire), opt(n, "trigger"),
        opt(n.path("commit"), "id"), opt(n, "createdAt").flatMap(Wire::instant),
        opt(n, "finishedAt").flatMap(Wire::instant));
  }

  public static RenderEnvVar envVar(JsonNode n, String call) {
    return new RenderEnvVar(text(n, "key", call), n.path("value").asString(""));
  }

  public static CustomDomain customDomain(JsonNode n, String call) {
    return new CustomDomain(text(n, "id", call), text(n, "name", call), n.path("domainType").asString(""),
        "verified".equals(n.path("verificationStatus").asString("")));
  }

  public static String text(JsonNode n, String field, String call) {
    JsonNode v = n.get(field);
    if (v == null || !v.isString()) throw new RenderHttp.MalformedAnswer(call + ": answered without " + field);
    return v.asString();
  }

  public static Optional<String> opt(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isString() ? Optional.of(v.asString()) : Optional.empty();
  }

  private static Optional<Instant> instant(String s) {
    try {
      return Optional.of(Instant.parse(s));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
