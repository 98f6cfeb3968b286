package dev.runway.bench;

import dev.runway.base.Origin;
import dev.runway.env.Dotenv;
import dev.runway.env.DotenvFile;
import java.nio.file.Path;
import java.util.Optional;
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
 * Parsing a 1 MB dotenv file (target: at most 20 ms). The text mixes the shapes real files have:
 * bare values, quoted values with escapes, multi-line PEM blocks, {@code ${VAR}} references,
 * comments and {@code export} lines.
 *
 * <p>Run: {@code ./mvnw -q -B -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar DotenvParse}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DotenvParseBenchmark {
  private static final Origin SOURCE = Origin.file(Path.of(".env.bench"));
  private String text;

  @Setup
  public void setUp() {
    StringBuilder sb = new StringBuilder(1 << 20);
    int i = 0;
    while (sb.length() < (1 << 20)) {
      switch (i % 6) {
        case 0 -> sb.append("# section ").append(i).append('\n');
        case 1 -> sb.append("PLAIN_").append(i).append("=some-value-").append(i).append(" # trailing comment\n");
        case 2 -> sb.append("export QUOTED_").append(i).append("=\"line one\\nline two with \\\"quotes\\\" and \\$dollar\"\n");
        case 3 -> sb.append("URL_").append(i).append("=postgres://${PLAIN_").append(i - 2).append("}:5432/db?ssl=${SSL:-require}\n");
        case 4 -> sb.append("SINGLE_").append(i).append("='literal $NOT_EXPANDED #not a comment'\n");
        default -> sb.append("PEM_").append(i).append("=\"-----BEGIN KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAnNl1tL3QjKp3DZWM0T3u\n")
            .append("LgGJQwu9WqyzHKZ6WIA5T+7zPjO1L8l3S8k8YzBrfH4mqWOD1GBI8Yjq2L1ac3Y\n-----END KEY-----\"\n");
      }
      i++;
    }
    text = sb.toString();
  }

  @Benchmark
  public DotenvFile parseOneMegabyte() {
    return Dotenv.parse(text, SOURCE, name -> Optional.empty());
  }
}
