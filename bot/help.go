package bot

import (
	"strings"

	"meldbot/bot/policy"
)

// helpCommands are the lines of /incident help, in order: the text of each
// command and who may use it (rights.go). A person sees only the commands
// they may use.
var helpCommands = []struct {
	key func(Person) string
	may func(Person) bool
}{
	{always("help.command.report"), everyone},
	{always("help.command.for"), mayReportFor},
	{always("help.command.tasks"), everyone},
	{always("help.command.role"), everyone},
	{always("help.command.policy"), maySeePolicy},
	{always("help.command.mine"), everyone},
	{always("help.command.show"), everyone},
	{always("help.command.my_data"), everyone},
	{overviewHelp, mayOverview},
	{always("help.command.export"), mayExport},
	{always("help.command.audit"), mayAudit},
	{always("help.command.cancel"), everyone},
	{always("help.command.lang"), everyone},
	{always("help.command.help"), everyone},
}

func always(key string) func(Person) string { return func(Person) string { return key } }

// overviewHelp explains /incident overzicht as it works for the person:
// any period and scope for the coordinator, their own department for a
// manager, half-years and years for the town clerk and the board.
func overviewHelp(p Person) string {
	switch {
	case p.Has(policy.RoleCoordinator):
		return "help.command.overview"
	case managesDepartment(p):
		return "help.command.overview_department"
	}
	return "help.command.overview_board"
}

// help sends the commands the person may use, and the current question
// again when a report is in progress.
func (t *turn) help() error {
	if c, ok, err := t.conversation(); err != nil || ok {
		if err != nil {
			return err
		}
		return t.form(c).help()
	}
	return t.reply(Message{Text: t.tr.T("help.intro") + "\n\n" + t.commandList()})
}

// commandList lists the commands the person may use, in their language.
func (t *turn) commandList() string {
	lines := []string{t.tr.T("help.title")}
	for _, c := range helpCommands {
		if c.may(t.person) {
			lines = append(lines, t.tr.T(c.key(t.person)))
		}
	}
	return strings.Join(lines, "\n• ")
}
