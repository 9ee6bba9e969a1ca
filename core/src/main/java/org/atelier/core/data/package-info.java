/**
 * Datasets in memory, verified: {@link org.atelier.core.data.Datasets} loads Fashion-MNIST, MNIST and
 * the UCI wine data from a {@link org.atelier.core.data.DataLocator} into {@link
 * org.atelier.core.data.LabeledData} (one {@code float[]}), checking the SHA-256 of every file's
 * decompressed content; {@link org.atelier.core.data.Splits} and {@link
 * org.atelier.core.data.Standardizer} prepare them for training.
 *
 * <p>Atelier's data and DJL's datasets meet both ways:
 * <ul>
 *   <li>Atelier to DJL: {@link org.atelier.core.data.LabeledData#toDataset} makes a DJL {@code
 *       ArrayDataset} of the same arrays, for {@code EasyTrain.fit} and any other DJL code that takes a
 *       {@code Dataset}.
 *   <li>DJL to Atelier's files: {@link org.atelier.core.data.BasicDatasetRepository} serves DJL {@code
 *       basicdataset}'s {@code FashionMnist} and {@code Mnist} from Atelier's verified files, with no
 *       download. DJL keeps the pixels as {@code 0..255} in {@code (N, 28, 28, 1)} and scales each batch
 *       with its default {@code ToTensor} pipeline to {@code (B, 1, 28, 28)} in {@code [0, 1]}: the values
 *       Atelier's loader gives.
 * </ul>
 *
 * <p>Atelier has no loader for folders of image files. To train on one (a sub-directory per class,
 * named after it), use DJL basicdataset's {@code ai.djl.basicdataset.cv.classification.ImageFolder}:
 * {@code ImageFolder.builder().setRepositoryPath(dir).optFlag(Image.Flag.GRAYSCALE)
 * .addTransform(new Resize(28, 28)).addTransform(new ToTensor()).setSampling(batchSize, true).build()},
 * then {@code prepare()}; its {@code getSynset()} lists the class names in label order.
 */
package org.atelier.core.data;
