package dev.runway.supabase;

/**
 * A project as {@code GET /v1/projects/{ref}} describes it.
 *
 * @param ref the project ref (20 lower-case letters)
 * @param databaseHost {@code db.<ref>.supabase.co}
 */
public record Project(String ref, String name, String region, ProjectStatus status, String databaseHost,
    String postgresVersion) {}
