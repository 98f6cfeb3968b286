package dev.runway.pipeline.internal;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import tools.jackson.databind.json.JsonMapper;
import dev.runway.pipeline.PipelineRun;
import dev.runway.pipeline.RunSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The run history: one JSON object per line in {@code <stateDir>/pipeline-history.jsonl}. */
public final class History {
  public static final String FILE = "pipeline-history.jsonl";

  private History() {}

  public static synchronized void append(Path stateDir, PipelineRun run, @Nullable Instant commitTime) throws IOException {
    ObjectNode n = JsonMapper.shared().createObjectNode();
    n.put("pipeline", run.pipeline());
    n.put("runId", run.runId());
    n.put("status", run.succeeded() ? "succeeded" : "failed");
    n.put("deployed", run.deployed());
    n.put("rolledBack", run.rolledBack());
    n.put("branch", run.branch());
    n.put("environment", run.environment());
    n.put("startedAt", run.startedAt().toString());
    n.put("finishedAt", run.finishedAt().toString());
    if (commitTime != null) n.put("commitTime", commitTime.toString());
    Files.createDirectories(stateDir);
    Files.writeString(stateDir.resolve(FILE), JsonMapper.shared().writeValueAsString(n) + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  public static List<RunSummary> read(Path stateDir) {
    Path file = stateDir.resolve(FILE);
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new RunwayException.IoFailed(file + ": cannot read (" + e.getClass().getSimpleName()
          + "); check its permissions", Origin.file(file), e);
    }
    List<RunSummary> out = new ArrayList<>();
    int lineNo = 0;
    for (String line : lines) {
      lineNo++;
      if (line.isBlank()) continue;
      try {
        JsonNode n = JsonMapper.shared().readTree(line);
        String commit = n.path("commitTime").asString("");
        out.add(new RunSummary(n.path("pipeline").asString(""), n.path("runId").asString(""),
            "succeeded".equals(n.path("status").asString("")), n.path("deployed").asBoolean(false),
            n.path("rolledBack").asBoolean(false), Instant.parse(n.path("startedAt").asString("")),
            Instant.parse(n.path("finishedAt").asString("")), commit.isEmpty() ? null : Instant.parse(commit)));
      } catch (JacksonException | java.time.format.DateTimeParseException e) {
        throw new RunwayException.ParseFailed(file + ":" + lineNo + ": not a run history line; "
            + "remove the line or restore the file", Origin.file(file, lineNo), e);
      }
    }
    return out;
  }
}
