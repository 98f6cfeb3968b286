package dev.runway.env;

// TEMPORARY STUB — replaced by the dotenv branch at merge.
import dev.runway.Origin;

public record DotenvEntry(String name, String value, Origin origin) {
  @Override
  public String toString() {
    return name + " (" + origin + ")";
  }
}
