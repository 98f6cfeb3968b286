///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.runway:runway-core:0.1.0-SNAPSHOT
//DEPS dev.runway:runway-render:0.1.0-SNAPSHOT
//DEPS dev.runway:runway-vercel:0.1.0-SNAPSHOT
//DEPS ch.qos.logback:logback-classic:1.5.38
//SOURCES ../src/main/java/dev/runway/examples/acme/*.java

import dev.runway.examples.acme.AcmePipelineProvider;
import dev.runway.pipeline.Pipeline;
import dev.runway.pipeline.PipelineProvider;
import dev.runway.pipeline.PipelineScript;
import dev.runway.pipeline.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * The acme pipelines as a JBang script: what the exported workflows call on GitHub's runners, and a
 * way to run them here without the runway CLI.
 *
 * <pre>
 * jbang ops/Pipelines.java --step deploy-api                 # one step (a workflow job does this)
 * jbang ops/Pipelines.java --rollback deploy-api --from dep-2 --to dep-1
 * jbang ops/Pipelines.java production-deploy --sandbox --approve production
 * RUNWAY_SMOKE_FAIL=true jbang ops/Pipelines.java production-deploy --sandbox --approve production
 * </pre>
 *
 * <p>{@code --sandbox} wires the deploys to in-process Render and Vercel sandboxes; otherwise they
 * read RENDER_API_KEY and VERCEL_TOKEN. A {@code --step} or {@code --rollback} finds its pipeline by
 * the step's id; a full run takes the pipeline's name (default production-deploy). In a checkout,
 * the Runway artifacts come from the local Maven repository: {@code ./mvnw -q install -DskipTests}
 * once.
 */
class Pipelines {
  public static void main(String... args) {
    List<String> rest = new ArrayList<>(List.of(args));
    boolean sandbox = rest.remove("--sandbox");
    String name = "production-deploy";
    if (!rest.isEmpty() && !rest.get(0).startsWith("--")) name = rest.remove(0);
    List<Pipeline> all = new AcmePipelineProvider().pipelines(sandbox);
    Pipeline pipeline = PipelineProvider.named(all, name);
    int i = Math.max(rest.indexOf("--step"), rest.indexOf("--rollback"));
    if (i >= 0 && i + 1 < rest.size()) {
      String step = rest.get(i + 1);
      for (Pipeline p : all) {
        if (p.steps().stream().map(Step::id).anyMatch(step::equals)) {
          pipeline = p;
          break;
        }
      }
    }
    System.exit(PipelineScript.run(pipeline, rest.toArray(String[]::new)));
  }
}
