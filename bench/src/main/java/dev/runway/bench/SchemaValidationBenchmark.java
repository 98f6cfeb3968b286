package dev.runway.bench;

import dev.runway.base.Origin;
import dev.runway.env.EnvSchema;
import dev.runway.env.EnvSources;
import dev.runway.env.Environment;
import dev.runway.env.KeyFormat;
import dev.runway.env.Rules;
import dev.runway.env.Validation;
import dev.runway.env.Var;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Validating one environment of a 10,000-variable schema (target: at most 20 ms after warm-up).
 * The variables mix every common type with checks (ranges, key formats, https rules) and two
 * cross-variable rules; one value in a hundred is wrong, so problems are built too.
 *
 * <p>Run: {@code ./mvnw -q -B -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar SchemaValidation}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SchemaValidationBenchmark {
  private static final int VARIABLES = 10_000;

  private EnvSchema schema;
  private EnvSources sources;

  @Setup
  public void setUp() {
    List<Var<?>> vars = new ArrayList<>(VARIABLES);
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < VARIABLES; i++) {
      boolean wrong = i % 100 == 0;
      switch (i % 6) {
        case 0 -> {
          vars.add(Var.port("PORT_" + i));
          values.put("PORT_" + i, wrong ? "70000" : String.valueOf(1000 + i));
        }
        case 1 -> {
          vars.add(Var.secret("KEY_" + i).format(KeyFormat.OPENAI));
          values.put("KEY_" + i, wrong ? "not-a-key" : "sk-proj-EXAMPLEbenchmarkKEY" + i + "xxxxxxxx");
        }
        case 2 -> {
          vars.add(Var.url("URL_" + i).httpsIn(Environment.PRODUCTION));
          values.put("URL_" + i, (wrong ? "http" : "https") + "://svc" + i + ".example.com/api");
        }
        case 3 -> {
          vars.add(Var.integer("LIMIT_" + i).range(1, 1000).defaultValue(10));
          if (!wrong) values.put("LIMIT_" + i, String.valueOf(1 + i % 1000));
        }
        case 4 -> {
          vars.add(Var.duration("TIMEOUT_" + i));
          values.put("TIMEOUT_" + i, wrong ? "soon" : (i % 60) + "s");
        }
        default -> {
          vars.add(Var.oneOf("MODE_" + i, "a", "b", "c").defaultValue("a"));
          values.put("MODE_" + i, "b");
        }
      }
    }
    schema = EnvSchema.of(vars).rule(Rules.noLocalhostIn(Environment.PRODUCTION)).rule(Rules.httpsOnlyIn(Environment.PRODUCTION));
    sources = EnvSources.of(EnvSources.map(values, Origin.of("bench"), true));
  }

  @Benchmark
  public Validation validateTenThousandVariables() {
    return schema.validate(Environment.PRODUCTION, sources);
  }
}
