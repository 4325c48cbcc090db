package bottest

// ReportScript is the whole report conversation on the sample organisation:
// Sanne of Publiekszaken reports a threat at the counter, and the
// coordinator hears of it. It avoids clock-dependent answers, so it runs the
// same against a real chat server.
const ReportScript = `
sanne> /incident
  < Goed dat je dit meldt
  < Wat is er gebeurd?
sanne> [Verbale agressie]
  < ✓ Verbale agressie
sanne> [Bedreiging]
sanne> [Verder]
  < Hoe was het contact?
sanne> [Persoonlijk]
  < Wanneer gebeurde het?
sanne> [Zojuist]
  < Waar gebeurde het?
sanne> [Stadhuis]
  < Vertel in je eigen woorden
sanne> Een klant werd boos aan de balie omdat zijn paspoort niet klaar was. Hij schreeuwde en zei dat hij me na het werk zou opwachten.
  < Wie was de andere partij?
sanne> [Een bekende burger of klant]
  < Weet je de naam of het klantnummer?
sanne> klantnummer 123456
  < Om hoeveel personen ging het?
sanne> [Eén persoon]
  < Was er een wapen in het spel
sanne> [Nee]
  < Ben je gewond geraakt?
sanne> [Nee]
  < Ben je door het incident afwezig van je werk
sanne> [Nee]
  < Is er materiële schade?
sanne> [Nee]
  < Hoeveel impact heeft het op je?
sanne> [Enigszins]
  < Waren er getuigen?
sanne> Tom van de balie ernaast
  < Bedoel je Tom Smit?
sanne> [Ja]
  < Genoteerd: Tom Smit (collega)
  < Was er een beveiliger bij betrokken?
sanne> [Nee]
  < Moet de werkplek worden aangepast?
sanne> [Nee]
  < Wil je nu iemand spreken?
sanne> [Nee, nu niet]
  < Doe je aangifte bij de politie?
  < VPT-code
sanne> [Ik twijfel nog]
  < Mag ik over een paar dagen vragen hoe het met je gaat?
sanne> [Ja, graag]
  < Samenvatting van je melding
  < Wat: Verbale agressie, Bedreiging
  < Afdeling: Publiekszaken
  < Naam of klantnummer: klantnummer 123456
sanne> [Versturen]
  < Je melding is geregistreerd onder nummer *GIR-
  < Je leidinggevende, Peter Bakker, krijgt nu bericht
  karin< Nieuwe melding *GIR-
  karin< Gemeld door: Sanne Visser
  peter< Eerste opvang
  peter< Ik pak het op
`
