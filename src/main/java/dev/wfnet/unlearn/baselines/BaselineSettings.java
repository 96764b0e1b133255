package dev.wfnet.unlearn.baselines;

import dev.wfnet.settings.Setting;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hyper-parameters of every baseline. Defaults follow the reference code (OPTML-Group's
 * Unlearn-Sparse / Unlearn-Saliency for FT, GA, RL and SalUn: SGD, momentum 0.9, weight decay
 * 5e-4, batch 256, their learning rates; SSD's repository for alpha 10, lambda 1, batch 64), with
 * the epochs of FT, RL and SalUn scaled to models trained for about ten epochs instead of 160-182:
 * see the README for each value's source.
 * Any value can be changed by key ({@link #with(String, String)}: {@code ft.lr=0.02}).
 *
 * @param ft fine-tuning on the retained data
 * @param ga gradient ascent on the forget set
 * @param rl random labels for the forget set, trained together with the retained data
 * @param salun RL restricted to the salient weights
 * @param salunFraction the share of weights SalUn may change (largest forget-set gradient magnitude)
 * @param ssdAlpha SSD's selection weighting: a weight is dampened where its forget-set importance
 *     exceeds alpha times its importance on all training data
 * @param ssdLambda SSD's dampening constant
 * @param ssdBatch images per batch of SSD's importance passes
 * @param retrainRecipe training settings of Retrain that replace the base model's recipe, by their
 *     {@code wfnet pretrain} key ("epochs", "optimizer", "learning_rate"...); empty keeps the recipe
 *     as the model's provenance records it (a model without one needs them: see {@link TrainingRecipe})
 */
public record BaselineSettings(SgdSettings ft, SgdSettings ga, SgdSettings rl, SgdSettings salun,
                               double salunFraction, double ssdAlpha, double ssdLambda, int ssdBatch,
                               Map<String, String> retrainRecipe) {

    public BaselineSettings {
        if (!(salunFraction > 0 && salunFraction <= 1) || !(ssdAlpha > 0) || !(ssdLambda > 0) || ssdBatch < 1) {
            throw new IllegalArgumentException("salun.fraction must be in (0, 1], ssd.alpha and ssd.lambda positive "
                    + "and ssd.batch positive");
        }
        retrainRecipe = Collections.unmodifiableMap(new TreeMap<>(retrainRecipe));
    }

    public static BaselineSettings defaults() {
        double momentum = 0.9;
        double decay = 5e-4;
        int batch = 256;
        return new BaselineSettings(
                new SgdSettings(1, 0.01, momentum, decay, batch),
                new SgdSettings(5, 1e-4, momentum, decay, batch),
                new SgdSettings(1, 0.01, momentum, decay, batch),
                new SgdSettings(1, 0.01, momentum, decay, batch),
                0.5, 10, 1, 64, Map.of());
    }

    /**
     * The same settings with one value replaced; the key names the method and the value ("rl.epochs",
     * "retrain.optimizer": Retrain takes every {@code wfnet pretrain} setting but the seed, which is the run's).
     */
    public BaselineSettings with(String key, String value) {
        String[] parts = key.toLowerCase(Locale.ROOT).split("\\.", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + key + "' is not METHOD.SETTING, e.g. ft.lr");
        }
        if (parts[0].equals("retrain")) {
            return withRetrain(parts[1], value.trim());
        }
        double number;
        try {
            number = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " needs a number, not '" + value + "'");
        }
        return switch (parts[0]) {
            case "ft" -> new BaselineSettings(sgd(ft, parts[1], number, key), ga, rl, salun, salunFraction, ssdAlpha,
                    ssdLambda, ssdBatch, retrainRecipe);
            case "ga" -> new BaselineSettings(ft, sgd(ga, parts[1], number, key), rl, salun, salunFraction, ssdAlpha,
                    ssdLambda, ssdBatch, retrainRecipe);
            case "rl" -> new BaselineSettings(ft, ga, sgd(rl, parts[1], number, key), salun, salunFraction, ssdAlpha,
                    ssdLambda, ssdBatch, retrainRecipe);
            case "salun" -> parts[1].equals("fraction")
                    ? new BaselineSettings(ft, ga, rl, salun, number, ssdAlpha, ssdLambda, ssdBatch, retrainRecipe)
                    : new BaselineSettings(ft, ga, rl, sgd(salun, parts[1], number, key), salunFraction, ssdAlpha,
                    ssdLambda, ssdBatch, retrainRecipe);
            case "ssd" -> switch (parts[1]) {
                case "alpha" -> new BaselineSettings(ft, ga, rl, salun, salunFraction, number, ssdLambda, ssdBatch,
                        retrainRecipe);
                case "lambda" -> new BaselineSettings(ft, ga, rl, salun, salunFraction, ssdAlpha, number, ssdBatch,
                        retrainRecipe);
                case "batch" -> new BaselineSettings(ft, ga, rl, salun, salunFraction, ssdAlpha, ssdLambda,
                        whole(number, key), retrainRecipe);
                default -> throw unknown(key);
            };
            default -> throw unknown(key);
        };
    }

    /**
     * The same settings with every {@code METHOD.KEY=VALUE} of a text replaced, in order (separated
     * by spaces or commas: "retrain.epochs=10 ft.lr=0.02"); a blank text changes nothing.
     *
     * @throws IllegalArgumentException naming the first part that is not a known setting and valid value
     */
    public BaselineSettings withAll(String text) {
        BaselineSettings settings = this;
        for (String part : text.trim().split("[\\s,]+")) {
            if (part.isEmpty()) {
                continue;
            }
            int equals = part.indexOf('=');
            if (equals <= 0 || equals == part.length() - 1) {
                throw new IllegalArgumentException("'" + part + "' is not METHOD.KEY=VALUE, e.g. retrain.epochs=10");
            }
            settings = settings.with(part.substring(0, equals), part.substring(equals + 1));
        }
        return settings;
    }

    private BaselineSettings withRetrain(String name, String value) {
        Setting<?> setting = TrainingRecipe.givable().stream().filter(s -> s.key().equals(name)).findFirst()
                .orElseThrow(() -> unknown("retrain." + name));
        setting.parse(value); // a bad value is named now, before any run
        Map<String, String> recipe = new TreeMap<>(retrainRecipe);
        recipe.put(name, value);
        return new BaselineSettings(ft, ga, rl, salun, salunFraction, ssdAlpha, ssdLambda, ssdBatch, recipe);
    }

    /** The settings one baseline runs with, as text, for the rows of a report. */
    public Map<String, String> describe(Baseline baseline) {
        Map<String, String> map = new LinkedHashMap<>();
        switch (baseline) {
            case RETRAIN -> {
                map.put("retrain.epochs", retrainRecipe.getOrDefault("epochs", "the base model's"));
                retrainRecipe.forEach((name, value) -> map.putIfAbsent("retrain." + name, value));
            }
            case FT -> map.putAll(ft.describe("ft."));
            case GA -> map.putAll(ga.describe("ga."));
            case RL -> map.putAll(rl.describe("rl."));
            case SALUN -> {
                map.putAll(salun.describe("salun."));
                map.put("salun.fraction", Double.toString(salunFraction));
            }
            case SSD -> {
                map.put("ssd.alpha", Double.toString(ssdAlpha));
                map.put("ssd.lambda", Double.toString(ssdLambda));
                map.put("ssd.batch", Integer.toString(ssdBatch));
            }
        }
        return map;
    }

    private static SgdSettings sgd(SgdSettings base, String name, double value, String key) {
        return switch (name) {
            case "epochs" -> base.withEpochs(whole(value, key));
            case "lr" -> base.withLearningRate(value);
            case "momentum" -> new SgdSettings(base.epochs(), base.learningRate(), value, base.weightDecay(),
                    base.batchSize());
            case "weight_decay" -> new SgdSettings(base.epochs(), base.learningRate(), base.momentum(), value,
                    base.batchSize());
            case "batch" -> new SgdSettings(base.epochs(), base.learningRate(), base.momentum(), base.weightDecay(),
                    whole(value, key));
            default -> throw unknown(key);
        };
    }

    private static int whole(double value, String key) {
        if (value != Math.rint(value)) {
            throw new IllegalArgumentException(key + " needs a whole number, not " + value);
        }
        return (int) value;
    }

    private static IllegalArgumentException unknown(String key) {
        return new IllegalArgumentException("unknown setting '" + key + "'; known: ft|ga|rl|salun.epochs|lr|momentum|"
                + "weight_decay|batch, salun.fraction, ssd.alpha|lambda|batch, retrain." + String.join("|",
                TrainingRecipe.givable().stream().map(Setting::key).toList()));
    }
}
