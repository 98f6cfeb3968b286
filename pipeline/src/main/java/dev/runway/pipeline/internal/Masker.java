package dev.runway.pipeline.internal;

import dev.runway.base.Secret;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Replaces every known secret value with the mask; longest first so overlapping values stay hidden. */
public final class Masker {
  private final List<String> values;

  public Masker(Collection<String> secretValues) {
    this.values = secretValues.stream().filter(v -> v.length() >= 3).distinct()
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }

  public String mask(String text) {
    String out = text;
    for (String v : values) if (out.contains(v)) out = out.replace(v, Secret.MASK);
    return out;
  }
}
