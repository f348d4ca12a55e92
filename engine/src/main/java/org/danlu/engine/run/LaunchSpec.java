package org.danlu.engine.run;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

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
                List.of("-Dfile.encoding=UTF-8"), absolute(System.getProperty("java.class.path")), mainClass, args);
    }

    /**
     * The trainer runs in its run directory, so a class path entry relative to the launcher's
     * working directory would point nowhere there: make every entry absolute.
     */
    static String absolute(String classpath) {
        return Arrays.stream(classpath.split(File.pathSeparator))
                .filter(e -> !e.isEmpty())
                .map(e -> Path.of(e).toAbsolutePath().normalize().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** The command for a log line: the class path is shortened to its entry count. */
    public String describe() {
        List<String> cmd = command();
        int cp = cmd.indexOf("-cp");
        cmd.set(cp + 1, "<" + classpath.split(File.pathSeparator).length + " class path entries>");
        return String.join(" ", cmd);
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
