package io.jenkins.plugins.tat.client.bench;

import java.util.List;

/** The command-line options of the benchmarks: {@code --name value} and {@code --flag}. */
final class Options {

    private Options() {}

    /** @return the value after {@code name}, or {@code fallback} if it is not given */
    static int number(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    /** @return whether {@code name} is given */
    static boolean flag(String[] args, String name) {
        return List.of(args).contains(name);
    }
}
