package org.danlu.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.danlu.engine.dataset.DatasetScan;
import org.danlu.engine.dataset.DatasetScanner;
import org.danlu.engine.dataset.SampleDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code danlu demo}: writes the generated sample dataset (once) and shows its scan. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Generate a small sample kohya dataset (drawn shapes and patterns with tag captions and",
            "a few deliberate lint problems) under DIR/train, then show its scan. Existing files are never",
            "overwritten: if DIR/train already has files, it is scanned as it is."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "danlu-demo",
            description = "where to put the demo (default ./${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--seed", defaultValue = "42", description = "drawing seed (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        SampleDataset.Result r = SampleDataset.generate(dir.resolve("train"), seed);
        if (r.created()) {
            out.printf("Generated the sample dataset: %d files under %s%n%n", r.files().size(), r.dir());
        } else {
            out.printf("%s already has files; scanning them as they are (delete it for a fresh demo)%n%n", r.dir());
        }
        DatasetScan scan = new DatasetScanner().scan(dir);
        ScanReport.text(scan, out);
        out.printf("%nNext: ./danlu tags %s list    ./danlu tags %s dedupe    ./danlu tags %s undo%n", dir, dir, dir);
        out.flush();
        return scan.hasErrors() ? 1 : 0;
    }
}
