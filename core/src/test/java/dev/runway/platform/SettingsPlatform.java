package dev.runway.platform;

import dev.runway.Service;
import java.util.Optional;
import java.util.Set;

/** A platform only core's tests see: it knows a fixed set of settings, so runway.conf can check them. */
public final class SettingsPlatform implements Platform {
  @Override
  public String id() {
    return "fixedsettings";
  }

  @Override
  public Optional<Set<String>> settingNames(Service service) {
    return Optional.of(service.setting("type").filter("db"::equals).isPresent()
        ? Set.of("type", "disk-size-gb") : Set.of("type", "plan", "health-check-path"));
  }

  @Override
  public Optional<Set<String>> platformSettingNames() {
    return Optional.of(Set.of("previews"));
  }
}
