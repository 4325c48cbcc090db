package bot

// Ref identifies a message on a chat platform (a Mattermost post ID, a Slack
// channel and timestamp, a console line number). It is opaque to the bot.
type Ref string

// Message is what the bot says: text and, optionally, buttons. Adapters render
// it for their platform; the console shows choices as numbered lines.
//
// Text uses a small, portable markup: *word* for emphasis and lines starting
// with "• " for lists. Adapters translate it where their platform differs.
type Message struct {
	Text    string   `json:"text"`
	Choices []Choice `json:"choices,omitempty"`
	// Image is an optional picture, such as a chart, sent with the text.
	Image *Image `json:"image,omitempty"`
	// File is an optional document, such as a CSV export, sent with the
	// text. Adapters upload it as a file the person can download.
	File *File `json:"file,omitempty"`
}

// Choice is one button. Value travels through the platform and comes back in
// an Action when the button is clicked; it is opaque to adapters.
type Choice struct {
	Label string `json:"label"`
	Value string `json:"value"`
	Style Style  `json:"style,omitempty"`
}

// Style hints how a button should look. Platforms without styles ignore it.
type Style string

// Button styles.
const (
	StyleDefault Style = ""
	StylePrimary Style = "primary"
	StyleDanger  Style = "danger"
)

// Image is a picture attached to a message, e.g. a PNG chart.
type Image struct {
	Name string `json:"name"`
	PNG  []byte `json:"png"`
}

// File is a document attached to a message, e.g. the register as CSV.
type File struct {
	// Name is the file name shown to the person, e.g. "meldingen-2026-Q3.csv".
	Name string `json:"name"`
	// ContentType is the MIME type, e.g. "text/csv; charset=utf-8".
	ContentType string `json:"content_type"`
	Data        []byte `json:"data"`
}

// Attachments returns the files that go with a message, in order: its
// image (as a PNG file), then its file. Adapters upload them alike.
func (m Message) Attachments() []File {
	var out []File
	if m.Image != nil {
		name := m.Image.Name
		if name == "" {
			name = "meldbot.png"
		}
		out = append(out, File{Name: name, ContentType: "image/png", Data: m.Image.PNG})
	}
	if m.File != nil {
		out = append(out, *m.File)
	}
	return out
}
