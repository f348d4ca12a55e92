package org.danlu.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.danlu.engine.dataset.DatasetScan;
import org.danlu.engine.dataset.DatasetScanner;
import org.danlu.engine.dataset.ScanOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code danlu scan DIR}: folders, counts, sizes, top tags and lint findings; changes nothing. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Scan a kohya dataset: folders (repeats, identifier, class), images, captions,",
            "sizes, top tags and lint findings. Reads only; nothing is changed.",
            "Exit code: 0 no errors, 1 error findings, 2 the command itself failed."})
final class ScanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "the dataset folder (parent of N_name folders, "
            + "a folder with train/ and reg/, or one folder of images)")
    Path dir;

    @Option(names = "--json", description = "print one JSON document (format in the README)")
    boolean json;

    @Option(names = "--caption-extension", paramLabel = "EXT", description = "caption extension (.txt or "
            + ".caption); default: detected")
    String captionExtension;

    @Option(names = "--all-findings", description = "list every finding (default: at most 10 of each kind)")
    boolean allFindings;

    @Option(names = "--min-side", paramLabel = "PX", defaultValue = "128",
            description = "flag images whose shorter side is below PX (default ${DEFAULT-VALUE})")
    int minSide;

    @Override
    public Integer call() {
        // A large dataset on a slow disk takes a while: in a terminal, say how far the header reading has come.
        boolean terminal = System.console() != null;
        DatasetScan scan = new DatasetScanner(options(captionExtension, minSide)).scan(dir, p -> {
            if (terminal) {
                System.err.printf("\rreading image headers: %,d of %,d", p.imagesRead(), p.imagesTotal());
            }
        });
        if (terminal) {
            System.err.print("\r\033[K"); // the progress line goes; the report follows
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ScanReport.json(scan, out);
        } else {
            ScanReport.text(scan, out, allFindings);
        }
        return scan.hasErrors() ? 1 : 0;
    }

    static ScanOptions options(String captionExtension, int minSide) {
        return ScanOptions.defaults().withCaptionExtension(captionExtension).withMinSide(minSide);
    }
}
