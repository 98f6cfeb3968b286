package dev.runway.pipeline;

import dev.runway.base.RunwayException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * How {@code runway pipeline ...} finds pipelines written in Java: list an implementation in
 * {@code META-INF/services/dev.runway.pipeline.PipelineProvider} of a jar on the CLI's class path
 * (or of the JBang script's dependencies). Implementations are stateless; with {@code sandbox} true
 * they wire their deploy steps to the platforms' in-process sandboxes instead of the real APIs.
 *
 * <pre>{@code
 * public final class AcmeProvider implements PipelineProvider {
 *   public List<Pipeline> pipelines(boolean sandbox) { return List.of(AcmePipelines.production(...)); }
 * }
 * }</pre>
 */
public interface PipelineProvider {
  /** The pipelines offered, deploy steps wired for the sandboxes when {@code sandbox} is true. */
  List<Pipeline> pipelines(boolean sandbox);

  /** Every pipeline of every provider on the class path. */
  static List<Pipeline> all(boolean sandbox) {
    List<Pipeline> out = new ArrayList<>();
    for (PipelineProvider p : ServiceLoader.load(PipelineProvider.class)) out.addAll(p.pipelines(sandbox));
    return out;
  }

  /**
   * The pipeline named {@code name} among {@code pipelines}.
   *
   * @throws RunwayException.UnknownName listing the names there are
   */
  static Pipeline named(List<Pipeline> pipelines, String name) {
    return pipelines.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() -> {
      TreeSet<String> known = new TreeSet<>();
      pipelines.forEach(p -> known.add(p.name()));
      return new RunwayException.UnknownName(known.isEmpty()
          ? "pipeline: no pipeline named '" + name + "' (none on the class path); list a PipelineProvider in "
              + "META-INF/services/dev.runway.pipeline.PipelineProvider"
          : "pipeline: no pipeline named '" + name + "' (known: " + String.join(", ", known) + ")");
    });
  }
}
