package org.atelier.experiments.study3;

import ai.djl.basicmodelzoo.cv.classification.AlexNet;
import ai.djl.basicmodelzoo.cv.classification.GoogLeNet;
import ai.djl.basicmodelzoo.cv.classification.LeNet;
import ai.djl.basicmodelzoo.cv.classification.VGG;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.atelier.core.experiment.Experiment;
import org.atelier.core.experiment.ExperimentContext;
import org.atelier.core.experiment.Param;
import org.atelier.core.experiment.Params;
import org.atelier.core.models.MnistCnns;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.report.RunFile;

/**
 * {@code architecture-zoo}: LeNet-5, AlexNet, VGG-16 and GoogLeNet (Inception-v1) from DJL's
 * basicmodelzoo, next to study 3's tiny and VGG-style MNIST CNNs: input size, parameter count
 * against the published one, a forward pass whose output shape is checked, and the forward time per
 * image on this machine's CPU, as a table and a log-log figure.
 */
public final class ArchitectureZoo implements Experiment {

    private static final RunFile TABLE_CSV = new RunFile("architectures.csv",
            "each network: input, parameters (as built, for 10 classes, published), output shape, ms per image");
    private static final RunFile TABLE_MD = new RunFile("architectures.md", "the same as a Markdown table");
    private static final RunFile FIGURE = new RunFile("parameters-vs-time.png",
            "parameters against forward time per image, log-log, one labelled point per network");

    @Override
    public String name() {
        return "architecture-zoo";
    }

    @Override
    public String description() {
        return "LeNet-5, AlexNet, VGG-16, GoogLeNet as DJL blocks: parameters vs published, output shapes, CPU time per image";
    }

    @Override
    public String study() {
        return Study3Report.STUDY;
    }

    @Override
    public String details() {
        return """
                Classic architectures built from DJL's basicmodelzoo (ai.djl:model-zoo): LeNet-5 on
                1×28×28, AlexNet on 3×227×227, VGG-16 and GoogLeNet (Inception-v1; Inception-v4 is not
                built) on 3×224×224, all with 1000 outputs as published, next to study 3's tiny
                CNN and VGG-style CNN (mnist-tiny-cnn's defaults) on 1×28×28. For each: the trainable
                parameters as built, restated for a 10-class output layer, against the published count,
                with the reasons for any difference; one forward pass whose output shape is checked;
                the forward time per image in inference mode on the selected device (median of a few
                passes after a warm-up, at batch 1 and a small batch). A table and a log-log figure
                of parameters against time per image compare them.""";
    }

    @Override
    public List<Param<?>> parameters() {
        return List.of(
                Param.ofInt("batch", 8, "the small batch of the timing").smoke(2).between(1, 256),
                Param.ofInt("repeats", 5, "timed forward passes per batch size (median taken)").smoke(1)
                        .between(1, 100),
                Param.ofInt("imagenet_input", 224, "side of the VGG-16 and GoogLeNet input images").smoke(64)
                        .between(32, 1024),
                Param.ofInt("alexnet_input", 227, "side of the AlexNet input images (227 gives the paper's 6 × 6 "
                        + "final maps)").smoke(99).between(67, 1024),
                Param.ofInt("width_divisor", 1, "divides the filters (and AlexNet's dense units) of AlexNet and "
                        + "VGG-16, for quick runs; 1 builds the published widths").smoke(8).between(1, 64));
    }

    @Override
    public List<RunFile> outputs() {
        return List.of(Study3Report.REPORT, TABLE_CSV, TABLE_MD, FIGURE);
    }

    @Override
    public void run(ExperimentContext context) {
        Params params = context.params();
        RunDirectory dir = context.runDirectory();
        List<ZooModel> zoo = models(params);
        List<ZooModel.Measured> measured = new ArrayList<>();
        String load = MachineLoad.sentence();
        for (ZooModel model : zoo) {
            ZooModel.Measured m = model.measure(context.manager(), params.getInt("batch"), params.getInt("repeats"));
            context.progress().printf("architecture-zoo: %s, %d parameters, %.2f ms per image (batch %d)%n",
                    model.label(), m.parameters(), m.msPerImageBatch(), m.batch());
            measured.add(m);
        }
        Study3Report report = new Study3Report("Classic architectures next to the MNIST CNNs", context.smoke());
        dir.csv(TABLE_CSV, Study3Report.zooTable(measured));
        dir.markdown(TABLE_MD, Study3Report.zooTable(measured), 4);
        dir.save(FIGURE, Study3Report.zooFigure(measured, context.backend().deviceSpec()));
        report.zoo(measured, params.getInt("width_divisor"), TABLE_MD, FIGURE, context.backend().deviceSpec(),
                load);
        MachineLoad.oneMinute().ifPresent(l -> context.metric("load_average", l));
        report.report().write(dir, Study3Report.REPORT, context::metric);
    }

    /** The networks, in order of publication, then study 3's. */
    static List<ZooModel> models(Params params) {
        int divisor = params.getInt("width_divisor");
        int imagenet = params.getInt("imagenet_input");
        int alex = params.getInt("alexnet_input");
        int[] alexChannels = Arrays.stream(new int[] {96, 256, 384, 384, 256, 4096, 4096}).map(c -> c / divisor)
                .toArray();
        int[][] vgg16 = {{2, 64 / divisor}, {2, 128 / divisor}, {3, 256 / divisor}, {3, 512 / divisor},
            {3, 512 / divisor}};
        int[] widths = MnistTinyCnn.DEFAULT_WIDTHS.stream().mapToInt(Integer::intValue).toArray();
        return List.of(
                new ZooModel("lenet5", "LeNet-5", () -> LeNet.builder().setOutSize(10).build(), new Shape(1, 28, 28),
                        10, 60_000),
                new ZooModel("alexnet", "AlexNet", () -> AlexNet.builder().setNumChannels(alexChannels)
                        .setOutSize(1000).build(), new Shape(3, alex, alex), 1000, 60_965_224),
                new ZooModel("vgg16", "VGG-16", () -> VGG.builder().setNumLayers(16).setConvArch(vgg16)
                        .setOutSize(1000).build(), new Shape(3, imagenet, imagenet), 1000, 138_357_544),
                new ZooModel("googlenet", "GoogLeNet (Inception-v1)", () -> GoogLeNet.builder().setOutSize(1000)
                        .build(), new Shape(3, imagenet, imagenet), 1000, 6_800_000),
                new ZooModel("tiny_cnn", "tiny CNN (study 3)", () -> MnistCnns.tiny(10), new Shape(1, 28, 28), 10, 0),
                new ZooModel("vgg_cnn", "VGG-style CNN (study 3)", () -> MnistCnns.vggStyle(10, widths,
                        MnistTinyCnn.DEFAULT_DENSE, (float) MnistTinyCnn.DEFAULT_CONV_DROPOUT,
                        (float) MnistTinyCnn.DEFAULT_DENSE_DROPOUT), new Shape(1, 28, 28), 10, 0));
    }
}
