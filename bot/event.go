package bot

// User is a person as a chat platform reports them. Email is the identity
// meldbot works with everywhere: adapters resolve their own user IDs to it,
// and the organisation file names people by it.
type User struct {
	Email Email
	Name  string
}

// Key returns the normalised e-mail address used as the person's identity.
func (u User) Key() Email { return u.Email }

// Event is something a person did in the chat: a slash command, a direct
// message or a button click. Adapters translate their platform's payloads
// into one of Command, Text or Action.
type Event interface {
	// From returns who caused the event.
	From() User
	// EventID returns the platform's identity of the event, or "" when it
	// has none; see the inbox.
	EventID() string
}

// Command is the /incident slash command with whatever followed it.
type Command struct {
	// ID is the platform's identity of this command, such as "slack/<team>/command/<trigger id>";
	// an event with an ID is handled at most once (see InboxTx). Empty when
	// the platform gives none.
	ID   string
	User User
	// Args is the text after the command word, e.g. "taal en".
	Args string
}

// Text is a message a person typed in their direct conversation with the bot.
type Text struct {
	// ID is the platform's identity of the message, such as
	// "mattermost/post/…"; see Command.ID.
	ID   string
	User User
	Body string
}

// Action is a click on a button (a Choice) of a message the bot sent.
type Action struct {
	// ID is the platform's identity of the click; see Command.ID.
	ID   string
	User User
	// Ref is the platform's reference to the message that held the button,
	// so the bot can update that message.
	Ref Ref
	// Value is the Choice.Value of the button that was clicked.
	Value string
}

// From returns the person who typed the command.
func (c Command) From() User { return c.User }

// From returns the person who typed the text.
func (t Text) From() User { return t.User }

// From returns the person who clicked.
func (a Action) From() User { return a.User }

// EventID returns the command's platform identity.
func (c Command) EventID() string { return c.ID }

// EventID returns the message's platform identity.
func (t Text) EventID() string { return t.ID }

// EventID returns the click's platform identity.
func (a Action) EventID() string { return a.ID }
