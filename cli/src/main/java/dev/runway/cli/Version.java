package dev.runway.cli;

import picocli.CommandLine;

final class Version implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"runway " + current().orElse("dev")};
  }

  /** The version in the jar's manifest; empty when run from classes (tests, the IDE). */
  static java.util.Optional<String> current() {
    return java.util.Optional.ofNullable(Version.class.getPackage().getImplementationVersion());
  }
}
