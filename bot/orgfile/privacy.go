package orgfile

import "meldbot/bot"

// register is the privacy settings of the register.
type register struct {
	RetentionYears field[int] `yaml:"retention_years"`
	SmallNumbers   field[int] `yaml:"small_numbers"`
}

// checkRegister reads the register's settings; what is not set keeps its
// default (five years, "< 5").
func (f *file) checkRegister(p *Problems, org *bot.Organisation) {
	org.Register = bot.RegisterSettings{RetentionYears: bot.DefaultRetentionYears, SmallNumbers: bot.DefaultSmallNumbers}
	if f.Register == nil {
		return
	}
	if v := f.Register.RetentionYears; v.Set {
		if v.V < 1 || v.V > 100 {
			p.add(v.Line, v.Column, "use a whole number of years, such as 5", "retention of %d years is not possible", v.V)
		} else {
			org.Register.RetentionYears = v.V
		}
	}
	if v := f.Register.SmallNumbers; v.Set {
		if v.V < 2 || v.V > 100 {
			p.add(v.Line, v.Column, "use a whole number from 2 up, such as 5: counts below it are shown as \"< 5\"",
				"small_numbers %d cannot hide a small group", v.V)
		} else {
			org.Register.SmallNumbers = v.V
		}
	}
}
