package org.danlu.engine.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link Launcher} starts: {@code <java> <jvmOptions> -cp <classpath> <mainClass> <args>}.
 * The trainer's main class and its arguments (usually including the run directory) are the
 * caller's; {@link #of} fills in this JVM's own java binary and class path.
 */
public record LaunchSpec(Path java, List<String> jvmOptions, String classpath, String mainClass, List<String> args) {

    public LaunchSpec {
        jvmOptions = List.copyOf(jvmOptions);
        args = List.copyOf(args);
        if (mainClass == null || mainClass.isBlank()) {
            throw new IllegalArgumentException("a launch needs a main class");
        }
    }

    /** Runs {@code mainClass} with this JVM's java and class path, UTF-8 file encoding. */
    public static LaunchSpec of(String mainClass, List<String> args) {
        return new LaunchSpec(Path.of(System.getProperty("java.home"), "bin", "java"),
                List.of("-Dfile.encoding=UTF-8"), System.getProperty("java.class.path"), mainClass, args);
    }

    public LaunchSpec withJvmOptions(List<String> options) {
        return new LaunchSpec(java, options, classpath, mainClass, args);
    }

    /** The java command line, without the detaching prefix. */
    public List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }
}
