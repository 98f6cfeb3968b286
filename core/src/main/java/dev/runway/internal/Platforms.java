package dev.runway.internal;

import dev.runway.platform.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The platform modules on the class path, found once. */
public final class Platforms {
  private static volatile List<Platform> all;

  private Platforms() {}

  public static List<Platform> all() {
    List<Platform> found = all;
    if (found == null) {
      List<Platform> list = new ArrayList<>();
      ServiceLoader.load(Platform.class, Platforms.class.getClassLoader()).forEach(list::add);
      all = found = List.copyOf(list);
    }
    return found;
  }
}
