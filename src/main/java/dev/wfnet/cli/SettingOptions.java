package dev.wfnet.cli;

import dev.wfnet.WfnetException;
import dev.wfnet.settings.InvalidSettingException;
import dev.wfnet.settings.Setting;
import dev.wfnet.settings.SettingTable;
import dev.wfnet.settings.SettingsBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One option per setting of a command's {@link SettingTable}: its names, description, range and
 * default all come from the setting, so the help cannot disagree with what is checked or saved.
 * A yes/no setting is a flag. Used as the command's model transformer:
 * {@code @Command(modelTransformer = SettingOptions.class)} on a command that is an {@link Owner}.
 */
final class SettingOptions implements CommandLine.IModelTransformer {

    /** A command whose options include its settings. */
    interface Owner {
        SettingTable<?> settingTable();
    }

    @Override
    public CommandSpec transform(CommandSpec spec) {
        for (Setting<?> setting : ((Owner) spec.userObject()).settingTable().settings()) {
            spec.addOption(option(setting));
        }
        return spec;
    }

    private static OptionSpec option(Setting<?> setting) {
        OptionSpec.Builder option = OptionSpec.builder(setting.options().toArray(String[]::new))
                .paramLabel(setting.key().toUpperCase(Locale.ROOT));
        // descriptions are format strings: a literal percent sign must be doubled
        String description = setting.description().replace("%", "%%");
        if (setting.type().isFlag()) {
            // a flag only switches on; picocli's negatable flags would turn a default of on around
            if ((Boolean) setting.defaultValue()) {
                throw new IllegalStateException("the flag " + setting + " must default to off");
            }
            return option.type(boolean.class).arity("0").description(description).build();
        }
        String defaultText = setting.defaultText();
        return option.type(String.class).defaultValue(defaultText.isEmpty() ? null : defaultText)
                .description(description + " (" + setting.rule()
                        + (defaultText.isEmpty() ? ")" : "; default: ${DEFAULT-VALUE})")).build();
    }

    /**
     * The configuration the command line's setting options describe.
     *
     * @throws WfnetException naming each option whose value is not valid, and only those, each with
     *     its range, in the table's order
     */
    static <C> C read(CommandSpec spec, SettingTable<C> table) throws WfnetException {
        SettingsBuilder<C> builder = table.builder();
        List<String> refusals = new ArrayList<>();
        InvalidSettingException first = null;
        for (Setting<?> setting : table.settings()) {
            String name = setting.options().get(0);
            Object value = spec.findOption(name).getValue();
            try {
                // an option not given and without a default (a flag, an empty list) keeps the setting's
                if (value != null) {
                    builder.parse(setting, value.toString());
                }
            } catch (InvalidSettingException e) {
                refusals.add(e.refusal(name));
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw new WfnetException(String.join("; ", refusals), first);
        }
        return builder.build();
    }
}
