package outreach_test

// The tests see every form registered, as the programs do (a rule may read another form's records).
import _ "frontdesk/data/forms"
