package dev.runway.supabase;

import java.util.Optional;

/**
 * The pooler (Supavisor) configuration from {@code GET /v1/projects/{ref}/config/database/pooler}.
 *
 * @param poolMode {@code transaction} or {@code session}: the mode of port 5432 on the pooler
 * @param databaseType {@code PRIMARY} or {@code READ_REPLICA}
 */
public record PoolerConfig(String databaseType, String host, int port, String user, String database, String poolMode,
    Optional<Integer> defaultPoolSize, Optional<Integer> maxClientConnections) {}
