package dev.runway.vercel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class VercelConfigProperties {

  @Property(tries = 200)
  void writingThenReadingGivesTheSameConfig(@ForAll("configs") VercelConfig config) {
    assertThat(VercelConfig.parse(config.toJson(), Origin.of("vercel.json"))).isEqualTo(config);
  }

  @Property(tries = 300)
  void badInputYieldsOnlyRunwayExceptionsWithAnOrigin(@ForAll("mangled") String text) {
    try {
      VercelConfig.parse(text, Origin.of("vercel.json"));
    } catch (RunwayException e) {
      assertThat(e.origin()).isPresent();
      assertThat(e.getMessage()).startsWith("vercel.json");
    }
  }

  @Provide
  Arbitrary<String> mangled() {
    String sample = "{\"framework\":\"nextjs\",\"regions\":[\"iad1\"],\"crons\":[{\"path\":\"/a\",\"schedule\":\"0 5 * * *\"}],"
        + "\"headers\":[{\"source\":\"/(.*)\",\"headers\":[{\"key\":\"A\",\"value\":\"b\"}]}],\"cleanUrls\":true}";
    Arbitrary<Integer> cut = Arbitraries.integers().between(0, sample.length());
    Arbitrary<String> junk = Arbitraries.strings().ofMaxLength(5);
    return Combinators.combine(cut, cut, junk).as((a, b, j) ->
        sample.substring(0, Math.min(a, b)) + j + sample.substring(Math.max(a, b)));
  }

  @Provide
  Arbitrary<VercelConfig> configs() {
    Arbitrary<String> text = Arbitraries.strings().ofMinLength(1).ofMaxLength(12);
    Arbitrary<String> optionalText = text.injectNull(0.4);
    Arbitrary<List<String>> regions = Arbitraries.of("iad1", "sfo1", "fra1", "hnd1").list().ofMaxSize(3).injectNull(0.4);
    Arbitrary<List<VercelConfig.Cron>> crons = Combinators.combine(text, text).as((p, s) -> new VercelConfig.Cron("/" + p, s))
        .list().ofMaxSize(3);
    Arbitrary<List<VercelConfig.HeaderRule>> headers = Combinators.combine(text,
            Combinators.combine(text, text).as(VercelConfig.Header::new).list().ofMaxSize(3))
        .as((s, hs) -> new VercelConfig.HeaderRule(s, hs)).list().ofMaxSize(2);
    Arbitrary<Boolean> flag = Arbitraries.of(true, false).injectNull(0.5);
    Arbitrary<Map<String, Object>> other = Arbitraries.maps(Arbitraries.of("rewrites", "redirects", "public", "name"),
        Arbitraries.oneOf(text.map(t -> (Object) t), Arbitraries.integers().map(i -> (Object) i),
            text.list().ofMaxSize(2).map(l -> (Object) l))).ofMaxSize(3);
    return Combinators.combine(optionalText, optionalText, optionalText, regions, crons, headers, flag, other)
        .as((framework, build, output, r, c, h, clean, o) -> {
          VercelConfig.Builder b = VercelConfig.builder().framework(framework).buildCommand(build).outputDirectory(output)
              .regions(r).crons(c).headers(h).cleanUrls(clean);
          o.forEach(b::other);
          return b.build();
        });
  }
}
