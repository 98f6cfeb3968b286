package dev.runway.vercel.internal;

import dev.runway.vercel.Deployment;
import dev.runway.vercel.EnvTarget;
import dev.runway.vercel.EnvType;
import dev.runway.vercel.EnvVar;
import dev.runway.vercel.ProjectState;
import dev.runway.vercel.ReadyState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Vercel wire JSON to Runway values; tolerant of absent optional fields, strict on states. */
public final class Wire {
  private Wire() {}

  public static Deployment deployment(JsonNode n) {
    String id = text(n, "id").or(() -> text(n, "uid")).orElse("");
    String state = text(n, "readyState").or(() -> text(n, "state")).orElse("QUEUED");
    long created = n.path("createdAt").isNumber() ? n.path("createdAt").asLong() : n.path("created").asLong(0);
    List<String> aliases = new ArrayList<>();
    n.path("alias").forEach(a -> aliases.add(a.asString()));
    return new Deployment(
        id,
        text(n, "url").orElse(""),
        text(n, "projectId").orElse(""),
        ReadyState.valueOf(state.equals("DELETED") ? "CANCELED" : state),
        text(n, "target"),
        text(n, "readySubstate"),
        aliases,
        n.path("aliasAssigned").isBoolean() ? n.path("aliasAssigned").asBoolean() : n.path("aliasAssigned").isNumber(),
        Instant.ofEpochMilli(created),
        text(n, "errorMessage"));
  }

  public static EnvVar envVar(JsonNode n) {
    Set<EnvTarget> targets = EnumSet.noneOf(EnvTarget.class);
    JsonNode t = n.path("target");
    if (t.isString()) targets.add(EnvTarget.of(t.asString()));
    t.forEach(x -> targets.add(EnvTarget.of(x.asString())));
    EnvType type = EnvType.of(text(n, "type").orElse("plain"));
    return EnvVar.builder(n.path("key").asString())
        .id(text(n, "id").orElse(null))
        .type(type)
        .value(type == EnvType.SENSITIVE ? null : text(n, "value").orElse(null))
        .targets(targets)
        .gitBranch(text(n, "gitBranch").orElse(null))
        .build();
  }

  public static ProjectState project(JsonNode n) {
    Optional<String> production = text(n.path("targets").path("production"), "id");
    JsonNode last = n.path("lastAliasRequest");
    return new ProjectState(
        n.path("id").asString(""),
        n.path("name").asString(""),
        !n.path("autoAssignCustomDomains").isBoolean() || n.path("autoAssignCustomDomains").asBoolean(),
        production,
        text(last, "type"));
  }

  public static Optional<String> text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isString() ? Optional.of(v.asString()) : Optional.empty();
  }
}
