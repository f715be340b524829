package io.semisup.cli.dataset;

import io.semisup.cli.ProgressBars;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write the demo's generated shapes dataset (circle, cross, square, triangle) to a folder.")
public class GenerateCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "folder to write (labeled/, unlabeled/, validation/, test/)")
    Path folder;

    @Option(names = "--seed", defaultValue = "1", description = "same seed, same images (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        generate(folder, seed);
        return 0;
    }

    public static DatasetFolder generate(Path folder, long seed) {
        ShapesDataset.Sizes sizes = ShapesDataset.DEFAULT_SIZES;
        try (ProgressBar bar = ProgressBars.start("generating", sizes.total(), "images")) {
            DatasetFolder written = ShapesDataset.write(folder, sizes, seed, bar::stepTo);
            System.out.printf("wrote %d images to %s: %d labelled per class, %d unlabelled, %d validation and %d test per class%n",
                    sizes.total(), folder, sizes.labeledPerClass(), sizes.unlabeled(), sizes.validationPerClass(),
                    sizes.testPerClass());
            return written;
        }
    }
}
