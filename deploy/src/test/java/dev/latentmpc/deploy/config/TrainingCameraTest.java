package dev.latentmpc.deploy.config;

import static dev.latentmpc.deploy.config.ConfigFixtures.HOME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latentmpc.simharness.render.CameraSpec;
import dev.latentmpc.worldmodel.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCameraTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aBundleTrainedThroughAnotherCameraBringsItToTheSim() throws Exception {
    CameraSpec at35 = CameraSpec.aroundBase(35);
    Path bundle = bundleWithCamera(camera -> put(camera, at35));

    assertThat(trainingCamera(bundle)).contains(at35);
    assertThat(TrainingCamera.describe(at35)).startsWith("camera 35° around the base");
    ServeConfig c = ConfigLoader.defaultsWith(HOME, Setting.assignment("model.bundle=" + bundle));
    assertThat(c.robot().sim().camera()).isEqualTo(at35);
  }

  @Test
  void aBundleThatRecordsNoCameraKeepsTheDefaultView() throws Exception {
    Path bundle = bundleWithCamera(null);

    assertThat(trainingCamera(bundle)).isEmpty();
    ServeConfig c = ConfigLoader.defaultsWith(HOME, Setting.assignment("model.bundle=" + bundle));
    assertThat(c.robot().sim().camera()).isEqualTo(CameraSpec.DEFAULT);
    assertThat(TrainingCamera.describe(CameraSpec.DEFAULT))
        .startsWith("camera 60° around the base");
  }

  @Test
  void aMalformedCameraIsAConfigErrorNamingTheField() throws Exception {
    Path bundle = defaultCameraEditedBy(camera -> camera.putArray("eye_m").add(0.1).add(0.2));

    assertThatThrownBy(() -> trainingCamera(bundle))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("provenance.training.dataset.camera.eye_m must be 3 finite numbers");
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () -> ConfigLoader.defaultsWith(HOME, Setting.assignment("model.bundle=" + bundle)));
    assertThat(e.errors())
        .anySatisfy(
            m -> assertThat(m).startsWith("model.bundle").contains("camera.eye_m must be 3"));
    // A real robot's camera is where it is: the record does not stop the bridge from serving.
    ServeConfig bridge =
        ConfigLoader.defaultsWith(
            HOME,
            Setting.assignment("model.bundle=" + bundle),
            Setting.assignment("robot.source=bridge"));
    assertThat(bridge.robot().sim().camera()).isEqualTo(CameraSpec.DEFAULT);
  }

  @Test
  void aCameraLookingStraightDownIsRefused() throws Exception {
    Path bundle =
        defaultCameraEditedBy(camera -> {
          camera.putArray("eye_m").add(0.5).add(0.0).add(1.0);
          camera.putArray("target_m").add(0.5).add(0.0).add(0.0);
        });

    assertThatThrownBy(() -> trainingCamera(bundle))
        .hasMessageContaining("provenance.training.dataset.camera is not a usable camera")
        .hasMessageContaining("straight up or down");
  }

  @Test
  void aMissingFieldOfViewIsNamed() throws Exception {
    Path bundle = defaultCameraEditedBy(camera -> camera.remove("vertical_fov_deg"));

    assertThatThrownBy(() -> trainingCamera(bundle))
        .hasMessageContaining("camera.vertical_fov_deg must be a finite number, found null");
  }

  /** A copy of the embedded bundle whose training camera {@code edit} sets (none when null). */
  private Path bundleWithCamera(Consumer<ObjectNode> edit) throws IOException {
    Path source = HOME.resolve(ConfigLoader.DEFAULT_BUNDLE);
    Path bundle = Files.createDirectories(dir.resolve("bundle"));
    try (Stream<Path> files = Files.list(source)) {
      for (Path f : files.toList()) {
        Files.copy(f, bundle.resolve(f.getFileName().toString()));
      }
    }
    ObjectNode manifest = (ObjectNode) JSON.readTree(source.resolve(ModelSpec.FILE_NAME).toFile());
    ObjectNode dataset =
        ((ObjectNode) manifest.path("provenance").path("training")).with("dataset");
    dataset.remove("camera");
    if (edit != null) {
      edit.accept(dataset.putObject("camera"));
    }
    JSON.writeValue(bundle.resolve(ModelSpec.FILE_NAME).toFile(), manifest);
    return bundle;
  }

  /** A bundle recording the default camera with {@code edit} applied to its record. */
  private Path defaultCameraEditedBy(Consumer<ObjectNode> edit) throws IOException {
    return bundleWithCamera(camera -> {
      put(camera, CameraSpec.DEFAULT);
      edit.accept(camera);
    });
  }

  private static Optional<CameraSpec> trainingCamera(Path bundle) {
    return TrainingCamera.of(ModelSpec.load(bundle, false));
  }

  /** The fields the dataset generator writes for {@code camera}. */
  private static void put(ObjectNode camera, CameraSpec spec) {
    camera.put("model", "pinhole");
    camera.put("vertical_fov_deg", spec.verticalFovDeg());
    ArrayNode eye = camera.putArray("eye_m");
    eye.add(spec.eyeM().x()).add(spec.eyeM().y()).add(spec.eyeM().z());
    ArrayNode target = camera.putArray("target_m");
    target.add(spec.targetM().x()).add(spec.targetM().y()).add(spec.targetM().z());
  }
}
