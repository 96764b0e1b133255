package dev.wfnet.cli;

import dev.wfnet.WfnetException;
import dev.wfnet.settings.SettingTable;

/**
 * A command whose options include one per setting of a table ({@link SettingOptions}), read back
 * as the run's configuration.
 *
 * @param <C> the configuration the settings make
 */
abstract class SettingsCommand<C> extends DomainCommand implements SettingOptions.Owner {
    private final SettingTable<C> table;

    SettingsCommand(SettingTable<C> table) {
        this.table = table;
    }

    @Override
    public final SettingTable<C> settingTable() {
        return table;
    }

    /**
     * The configuration the command line gives.
     *
     * @throws WfnetException naming the option whose value is not valid, with its range
     */
    final C settings() throws WfnetException {
        return SettingOptions.read(spec, table);
    }
}
