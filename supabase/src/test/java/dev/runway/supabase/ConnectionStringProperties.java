package dev.runway.supabase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.base.Problem;
import dev.runway.base.Secret;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ConnectionStringProperties {

  @Provide
  Arbitrary<String> refs() {
    return Arbitraries.strings().withCharRange('a', 'z').ofLength(20);
  }

  @Provide
  Arbitrary<String> passwords() {
    return Arbitraries.strings().ascii().ofMinLength(8).ofMaxLength(30).filter(s -> s.trim().equals(s));
  }

  @Property
  void everyBuiltStringParsesBackToItsModeRefAndPassword(@ForAll("refs") String ref, @ForAll("passwords") String password,
      @ForAll ConnectionString.Mode mode) {
    if (mode == ConnectionString.Mode.OTHER) return;
    ConnectionString built = ConnectionString.builder().ref(ref).region("eu-central-1").password(Secret.of(password))
        .mode(mode).build();
    ConnectionString parsed = ConnectionString.parse(built.reveal());
    assertThat(parsed.mode()).isEqualTo(mode);
    assertThat(parsed.ref()).contains(ref);
    assertThat(parsed.url().password().map(Secret::reveal)).contains(password);
    assertThat(parsed.problems("DATABASE_URL")).filteredOn(Problem::isError).isEmpty();
    assertThat(parsed.toString()).doesNotContain(":" + password + "@");
  }

  @Property
  void anyTextParsesOrFailsWithIllegalArgumentOnlyAndNeverEchoesThePassword(@ForAll String junk, @ForAll("passwords") String pw) {
    String text = "postgresql://postgres.abcdefghijklmnopqrst:" + pw + "xQz@" + junk;
    try {
      ConnectionString cs = ConnectionString.parse(text);
      for (Problem p : cs.problems("DATABASE_URL")) assertThat(p.text()).doesNotContain(pw + "xQz");
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).doesNotContain(pw + "xQz");
    }
  }

  @Property
  void recognisingAKeyNeverThrows(@ForAll String text) {
    SupabaseKey key = SupabaseKey.of(text);
    assertThat(key.toString()).startsWith("SupabaseKey[");
  }
}
