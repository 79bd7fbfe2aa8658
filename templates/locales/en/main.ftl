programme-name = La Nuit du Code Citoyen
site-name = Relais
site-tagline = Civic-tech projects keep going after the marathon.
skip-to-content = Skip to content

nav-home = Home
nav-login = Log in
nav-signup = Sign up
nav-logout = Log out
nav-profile = My profile
nav-admin = Coordination
nav-language = Language
nav-main = Main navigation

home-title = Relais — what comes after La Nuit du Code Citoyen
home-lead = A marathon on the same weekend in several francophone cities, then months of accompaniment: Relais keeps the projects alive.
home-what-title = What Relais does
home-what-projects = Teams track their milestones and publish progress, demos and "technology explained to my grandmother" videos.
home-what-mentors = Mentors follow the projects assigned to them and leave structured feedback.
home-what-meetups = Every month, a meetup in each city between developers, designers, institutions and entrepreneurs.
home-what-open = Every project is social, environmental, democratic or educational, and published under an open licence.
home-editions = Editions
home-cities = Cities
home-welcome = Hello { $name }!
home-cta-signup = Join the programme

form-errors-title = The form has errors:
form-required = required

signup-title = Sign up
signup-name = Name
signup-email = Email address
signup-password = Password
signup-password-hint = At least 10 characters.
signup-language = Preferred language
signup-city = City
signup-city-none = No city
signup-submit = Create my account
signup-invited-as = You are invited with the address { $email }.
signup-invitation-only = Sign-up is by invitation: ask your city's coordinators for a link.
signup-have-account = Already have an account? Log in

check-inbox-title = Check your inbox
check-inbox-body = If this address can be used, an email has just been sent to it with the next step. The link is valid for 24 hours.

activate-title = Account activation
activate-done = Your account is active. You can log in.

login-title = Log in
login-email = Email address
login-password = Password
login-remember = Keep me logged in on this device
login-submit = Log in
login-forgot = Forgot your password?

forgot-title = Forgot your password
forgot-lead = Enter your address: if it has an account, you will receive a link to choose a new password, valid for one hour.
forgot-submit = Send the link
forgot-sent = If an account matches this address, a link has just been sent. It is valid for one hour.

reset-title = Choose a new password
reset-password = New password
reset-submit = Save the password
reset-done = Your password has been changed. Log in with the new one.
reset-invalid-title = Unusable link

profile-title = My profile
profile-name = Name
profile-email = Email address
profile-language = Language
profile-time-zone = Time zone
profile-time-zone-hint = The programme's cities first, then every region of the world. “My city's” follows your city's clock (Europe/Paris without a city).
profile-city = City
profile-skills = Skills
profile-bio = About me
profile-bio-hint = 1000 characters at most.
profile-submit = Save
profile-saved = Profile saved.
profile-roles = Roles
profile-password-title = Change password
profile-current-password = Current password
profile-new-password = New password
profile-password-submit = Change password
profile-password-changed = Password changed. Your other sessions have been closed.

skill-developer = Development
skill-designer = Design
skill-institution = Institution
skill-entrepreneur = Entrepreneurship
skill-other = Other

role-coordinator = Coordinator
role-mentor = Mentor
role-member = Member
role-programme = the whole programme

language-fr = Français
language-en = English

admin-title = Coordination
admin-registration = Sign-up
admin-registration-open = Open to everyone (confirmed by email)
admin-registration-invitation = By invitation only
admin-registration-submit = Save
admin-registration-saved = Sign-up mode saved.
admin-invite-title = Invite someone
admin-invite-email = Email address
admin-invite-city = City
admin-invite-role = Role
admin-invite-language = Language of the invitation
admin-invite-submit = Send the invitation
admin-invite-sent = Invitation sent.
admin-programme = The whole programme

flash-logged-in = You are logged in.
flash-logged-out = You are logged out.
flash-welcome = Welcome to Relais!

error-page-title = Error
error-404-title = Page not found
error-404-body = This page does not exist, or no longer does.
error-403-title = Access denied
error-403-body = You are not allowed to do this.
error-401-body = Log in to continue.
error-400-title = Bad request
error-400-body = The request could not be understood.
error-413-title = Too large
error-413-body = What you sent is larger than allowed.
error-429-title = Too many attempts
error-429-body = Too many attempts in a short time. Try again in a few minutes.
error-500-title = Server error
error-500-body = Something went wrong on our side. The team has been told; please try again later.
error-back-home = Back to the home page

error-required = This field is required.
error-email-invalid = This is not a valid email address.
error-language-invalid = Choose French or English.
error-skill-invalid = Unknown skill.
error-time-zone-invalid = Unknown time zone (for example Europe/Paris, Africa/Dakar).
error-role-invalid = Unknown role.
error-password-too-short = The password must be at least 10 characters long.
error-password-too-long = The password must be at most 128 characters long.
error-password-wrong = The current password is wrong.
error-token-used = This link has already been used.
error-token-expired = This link has expired. Ask for a new one.
error-token-unknown = This link is not valid.
error-city-invalid = Unknown city.
error-invitation-required = Sign-up is by invitation only.
error-account-exists-log-in = This address already has an account: log in.
error-account-exists = This person already has an account.
error-name-too-long = The name must be at most 80 characters long.
error-bio-too-long = The text must be at most 1000 characters long.
error-login-failed = Wrong address or password.
error-choice-invalid = Invalid choice.
error-slug-invalid = Use lower-case letters, digits and dashes (2 to 60 characters).
error-slug-taken = This name is already taken.
error-date-invalid = Invalid date: pick it from the calendar or type it in figures (day/month/year).
error-end-before-start = The end must come after the start.
error-csrf = The form has expired. Reload the page and try again.
error-rate-limited = Too many attempts. Try again in a few minutes.

email-greeting = Hello { $name },
email-signature = The Relais team of La Nuit du Code Citoyen
email-ignore = If you did not ask for this, ignore this message.
email-activation-subject = Confirm your address for Relais
email-activation-body = To activate your Relais account, open this link (valid for 24 hours):
email-activation-button = Activate my account
email-account-exists-subject = You already have a Relais account
email-account-exists-body = Someone (perhaps you) tried to create an account with this address, which already has one. If you forgot your password, you can choose a new one here:
email-account-exists-button = Choose a new password
email-reset-subject = New password for Relais
email-reset-body = To choose a new password, open this link (valid for one hour, usable once):
email-reset-button = Choose a new password
email-set-password-subject = Your Relais account is ready
email-set-password-body = An account was made for you. Choose your password with this link (usable once):
email-invitation-subject = Invitation to join Relais
email-invitation-body = { $inviter } invites you to join Relais, the follow-up platform of La Nuit du Code Citoyen{ $city ->
    [none] .
   *[other] , in { $city }.
}
email-invitation-link = Create your account with this link (valid for 14 days):
email-invitation-button = Create my account

nav-projects = Projects
nav-dashboard = My projects

gallery-title = Projects
gallery-lead = The projects born at La Nuit du Code Citoyen, followed month after month.
gallery-count = { $count ->
    [0] No project matches.
    [one] One project.
   *[other] { $count } projects.
}
gallery-empty = Try fewer filters.
filter-text = Search
filter-edition = Edition
filter-city = City
filter-theme = Theme
filter-stage = Stage
filter-licence = Licence
filter-sort = Sort by
filter-help = Only projects looking for help
filter-all = All
filter-submit = Filter
sort-activity = Recent activity
sort-name = Name
pagination = Pages
pagination-previous = Previous
pagination-next = Next
pagination-position = Page { $page } of { $pages }

project-new = New project
project-edit = Edit the project
project-save = Save the project
project-title = Title
project-slug = Short address
project-slug-hint = Lower-case letters, digits and dashes; leave empty to derive it from the title.
project-pitch = Pitch
project-pitch-hint = One sentence, 200 characters at most.
project-description = Description
markdown-hint = Markdown accepted: **bold**, *italics*, [links](https://…), lists.
project-themes = Themes
project-technical-challenge = Technical challenge
project-licence = Open licence
project-edition = Edition
project-city = City
project-repository = Code repository
project-demo = Demo
project-explainer = "Technology explained to my grandmother" videos
project-transcript = Plain-language transcript
project-looking-for-help = Looking for help
project-help-wanted = What help?
project-public = Public project (visible to everyone)
project-about = The project
project-progress = Progress
project-no-milestones = No milestones yet.
project-archived = This project is archived.
project-private = This project is visible to its team, mentors and coordinators only.
project-quiet = Quiet project: no public news for 30 days.
project-stage = Stage
project-stage-change = Move to stage
project-stage-submit = Change stage
project-milestones = Milestones
project-journal = Journal
project-presentations = Presented at the meetups
project-team = Team
project-archive = Archive the project
project-restore = Restore the project

stage-idea = Idea
stage-prototype = Prototype
stage-demo = Demo
stage-pilot = Pilot
stage-launched = Launched
stage-paused = Paused
stage-abandoned = Abandoned
stage-next-ready = Ready for the "{ $stage }" stage.
stage-next-missing = To reach the "{ $stage }" stage, it still needs:
requirement-demo_link = a demo link
requirement-repository = a code repository or a site
requirement-open_licence = an open licence
requirement-explainer = an explainer video with its transcript

theme-social = Social
theme-environmental = Environment
theme-democratic = Democracy
theme-educational = Education

milestone-add = Add a milestone
milestone-edit = Edit the milestone
milestone-save = Save the milestone
milestone-delete = Delete the milestone
milestone-title = Milestone title
milestone-description = Description
milestone-due-on = Due date
milestone-status = Status
milestone-weight = Weight
milestone-weight-hint = From 1 to 100; 1 by default. Counts in the progress.
milestone-position = Order
milestone-due = due
milestone-done-on = done on
milestone-late = Late
milestone-weight-value = weight { $weight }
milestone-status-planned = Planned
milestone-status-in_progress = In progress
milestone-status-done = Done
milestone-status-dropped = Dropped

entry-body = New journal entry
entry-body-hint = Markdown accepted. You can correct it for 24 hours.
entry-milestone = Milestone concerned
entry-no-milestone = None
entry-completes = This milestone is done
entry-public = Public (otherwise visible to the team only)
entry-submit = Publish
entry-edit = Correct the entry
entry-save = Save
entry-about = about
entry-team-only = Team only
entry-edited = corrected
journal-empty = The journal is still empty.
feed-link = Atom feed

chart-title = Milestones done over time
chart-description = Cumulative number of milestones done for { $title }.
chart-empty = No milestone done yet.
chart-date = Date
chart-done = Milestones done

team-owner = owner
team-make-owner = make owner
team-remove = remove
team-leave = Leave the team
team-invite-email = Invite by email
team-invite-submit = Send the invitation
team-invitation-title = Join a team
team-invitation-body = You are invited to join the team of the project "{ $project }".
team-invitation-accept = Join the team
team-invitation-log-in = Log in (or sign up) to accept the invitation.

dashboard-title = My projects
dashboard-no-projects = You are not in any team yet.
dashboard-late = Late ({ $count })
dashboard-due-soon = Due in the next 14 days
dashboard-nothing-due = Nothing urgent.

rollup-title = Progress by city
rollup-city = City
rollup-projects = Projects
rollup-progress = Mean progress
rollup-behind = Behind
rollup-total = All cities
rollup-quiet = Quiet

error-too-long = This text is too long.
error-theme-invalid = Unknown theme.
error-theme-required = Choose at least one theme.
error-licence-unknown = Unknown licence: choose an open licence from the list.
error-url-invalid = Give a full address starting with http:// or https://.
error-transcript-required = Add the video's transcript.
error-edition-invalid = Unknown edition.
error-city-not-in-edition = This city does not take part in this edition.
error-stage-invalid = Unknown stage.
error-stage-requirements = The project does not meet this stage's checklist yet.
error-due-before-marathon = The due date cannot be before the marathon.
error-weight-invalid = The weight is a whole number from 1 to 100.
error-number-invalid = Give a whole number.
error-milestone-invalid = This milestone does not belong to this project.
error-milestone-required = Choose the milestone that is done.
error-edit-window-over = An entry can only be corrected for 24 hours.
error-already-in-team = This person is already in the team.
error-last-owner = The project must keep at least one owner: make someone else owner first.
error-not-in-team = This person is not in the team.

email-team-invitation-subject = Invitation to join "{ $project }"
email-team-invitation-body = { $inviter } invites you to join the team of the project "{ $project }" on Relais.
email-team-invitation-link = Accept the invitation with this link (valid for 7 days, usable once):
email-team-invitation-button = Join the team

flash-project-created = Project created. Add its milestones and its team.
flash-project-saved = Project saved.
flash-stage-changed = Stage changed.
flash-project-archived = Project archived.
flash-project-restored = Project restored.
flash-milestone-saved = Milestone saved.
flash-milestone-deleted = Milestone deleted.
flash-entry-posted = Entry published.
flash-entry-saved = Entry corrected.
flash-team-left = You left the team.
flash-team-changed = Team updated.
flash-team-joined = Welcome to the team!
flash-checklists-saved = Stage checklists saved.

admin-checklists-title = Stage checklists
admin-checklists-lead = What a project of the edition must have to reach each stage.
admin-checklists-edit = Adjust the stage checklists
admin-checklists-submit = Save the checklists

nav-mentor = Mentoring
nav-reviews = Mentor reviews

reviews-title = Mentor reviews
reviews-private = These reviews are visible to the team, its mentors and the coordinators only.
reviews-mentors = Mentors
reviews-no-mentor = No mentor
review-new = Write a review
review-edit = Edit the review
review-save = Save the review
review-lead = Score each criterion from 1 to 5; comments are optional. You can edit this review for 48 hours.
review-heading = Review by { $mentor }, on { $date }
review-criterion = Criterion
review-score = Score
review-comment = Comment
review-impact = Impact
review-progress = Progress against milestones
review-openness = Openness (licence, documentation, reusable code)
review-team-health = Team health
review-strengths = Strengths
review-recommendations = Recommendations
review-next-steps = Agreed next steps
review-next-steps-hint = One step per line; the team can turn each into a milestone in one click.
review-step-to-milestone = make it a milestone
review-step-milestone = milestone created
review-acknowledge = Got it
review-acknowledged = Read by the team on { $date }.
review-response = The team's answer
review-response-field = Answer the review
review-respond = Send the answer
review-none = No review yet.
review-last = Last review
review-due-not_due = up to date
review-due-due = review due
review-due-overdue = review overdue
review-trend-label = Mean score over time: { $scores }
requests-open = Open requests
request-question = Ask your mentors for a review
request-question-hint = Your question, to guide the review.
request-submit = Send the request

mentor-title = My mentoring
mentor-no-projects = No project is assigned to you yet.
mentor-profile = My mentor profile
mentor-expertise = Areas of expertise
mentor-capacity = Number of projects I can follow
mentor-capacity-hint = From 0 to 30.
mentor-remote = Available remotely, beyond my city
mentor-profile-save = Save the profile
expertise-design = Design
expertise-data = Data
expertise-law = Law
expertise-funding = Funding
expertise-public_procurement = Public procurement
expertise-open_source_governance = Open source governance
expertise-communication = Communication
expertise-accessibility = Accessibility
expertise-security = Security

coverage-title = Mentoring coverage
coverage-summary = { $projects } projects, { $without } without a mentor.
coverage-project = Project
coverage-due = Review
coverage-trend = Scores
assign-title = Assign a project to a mentor
assign-mentor = Mentor (projects followed / capacity)
assign-submit = Assign
assignments-title = Current mentors
assignment-end = end
admin-mentoring = Mentoring coverage

flash-review-saved = Review saved.
flash-review-acknowledged = Review marked as read.
flash-review-answered = Answer sent.
flash-review-requested = Request sent to your mentors.
flash-step-milestone = Milestone created from the step; adjust its due date if needed.
flash-mentor-profile-saved = Mentor profile saved.
flash-mentor-assigned = Mentor assigned.
flash-assignment-ended = Assignment ended; its reviews are kept.

error-score-invalid = The score goes from 1 to 5.
error-steps-invalid = Ten steps at most, 120 characters at most each.
error-review-locked = A review can only be edited for 48 hours.
error-no-mentor = This project has no mentor yet: ask the coordinators for one.
error-capacity-invalid = Give a number from 0 to 30.
error-not-a-mentor = This person is not a mentor.
error-mentor-in-team = A team member cannot mentor the project.
error-mentor-full = This mentor already follows as many projects as they can.
error-already-assigned = This mentor already follows this project.

nav-meetups = Meetups

meetups-title = Monthly meetups
meetups-lead = Every month, in every city, developers, designers, institutions and entrepreneurs meet.
meetups-empty = No upcoming meetup.
meetup-counts = Coming: { $yes } / { $capacity } · waitlist: { $waitlist }
meetup-cancelled = Cancelled
meetup-place = Place
meetup-online = Online
meetup-ics = Add to my calendar (.ics)
meetup-minutes = Minutes
meetup-minutes-save = Save the minutes
meetup-manage = Organisation
meetup-move = Move
meetup-move-date = Date
meetup-move-time = Time
meetup-cancel = Cancel the meetup

rsvp-title = Are you coming?
rsvp-yes = Yes
rsvp-maybe = Maybe
rsvp-no = No
rsvp-yours = Your answer: { $answer }.
rsvp-waitlisted = on the waitlist
rsvp-log-in = Log in to answer
rsvp-list = Answers
rsvp-name = Name
rsvp-answer = Answer
rsvp-attended = Attendance
rsvp-came = came
rsvp-absent = absent
rsvp-mark-came = came
rsvp-mark-absent = absent

agenda-title = Agenda
agenda-empty = The agenda is not set yet.
agenda-kind = Kind
agenda-kind-project = project presentation
agenda-kind-talk = talk
agenda-kind-free = free time
agenda-project = Project
agenda-item-title = Title (for a talk or free time)
agenda-add = Add to the agenda
agenda-proposed = proposed
agenda-accept = accept
agenda-remove = remove
agenda-ask-project = Present my project
agenda-ask = Ask to present

ordinal-first = First
ordinal-second = Second
ordinal-third = Third
ordinal-fourth = Fourth
ordinal-last = Last
weekday-mon = Monday
weekday-tue = Tuesday
weekday-wed = Wednesday
weekday-thu = Thursday
weekday-fri = Friday
weekday-sat = Saturday
weekday-sun = Sunday

series-admin-title = Meetup series
series-none = No series yet.
series-new = New monthly series
series-create = Create the series
series-title = Title
series-description = Description
series-ordinal = Every month, the
series-weekday = Day
series-start-time = Start time (the city's local time)
series-duration = Duration in minutes
series-duration-hint = 24 hours at most.
series-place = Address
series-online = Online link
series-audiences = Audiences invited
series-capacity = Places
series-upcoming = Coming dates
series-exception = exception
series-decide = no longer follows the rule and has answers:
series-keep = keep
series-add-single = Add a date outside the rule
series-add-single-submit = Add
series-edit = Edit the series
series-save = Save the series
admin-meetups = Meetup series

flash-rsvp-confirmed = Noted: a place is kept for you.
flash-rsvp-waitlisted = The meetup is full: you are on the waitlist.
flash-rsvp-recorded = Answer saved.
flash-attendance-saved = Attendance saved.
flash-minutes-saved = Minutes saved.
flash-meetup-cancelled = Meetup cancelled.
flash-meetup-kept = Date kept.
flash-meetup-moved = Meetup moved.
flash-meetup-added = Date added.
flash-agenda-saved = Agenda updated.
flash-agenda-asked = Request to present sent to the coordinators.
flash-series-created = Series created; the dates of the next three months are ready.
flash-series-saved = Series saved.

error-capacity-positive = The number of places is a positive whole number.
error-duration-invalid = The duration goes from 1 minute to 24 hours.
error-meetup-cancelled = This meetup is cancelled.
error-meetup-past = This meetup is over.
error-meetup-not-started = Attendance is marked once the meetup has started.
error-ordinal-fifth = A "fifth" day does not exist every month: choose "last".
error-place-required = Give an address or an online link.
error-project-not-in-city = This project is not from this city.
error-time-invalid = Invalid time: pick it or type it like 18:30.

calendar-title = My calendar
calendar-lead = A secret address to add to your calendar app: your meetups (yes or maybe) and your projects' due dates.
calendar-enable = Create my calendar address
calendar-renew = Change the address (the old one stops working)
calendar-revoke = Turn off
flash-calendar-revoked = Calendar address turned off.

polls-title = Date polls
poll-new = New poll
poll-create = Create and invite
poll-slots = Slots offered
poll-slots-hint = From 2 to 10 slots, in the city's time. Pick the day and time; without a calendar, type the day in figures (day/month/year) and the time like 18:30. Empty lines are ignored.
poll-closes-on = Last day to answer
poll-closes = closes
poll-yes = Yes
poll-if_need_be = If need be
poll-no = No
poll-submit = Save my answers
poll-who = Who can come?
poll-total = Total
poll-score = { $yes } yes, { $maybe } if need be
poll-silent = Not answered: { $count }
poll-closed = This poll is closed.
poll-decided = The date is chosen.
poll-see-meetup = See the meetup
poll-choose = Choose the slot
poll-convert = Make it the meetup
flash-poll-created = Poll created; the invitations are going out by email.
flash-poll-answered = Answers saved.
flash-poll-converted = Meetup created; the invitations are going out by email.
error-slots-invalid = A slot does not have a valid day and time (the day in figures, day/month/year, the time like 18:30).
error-slots-past = A slot is already over.
error-slots-count = Offer from 2 to 10 slots.
error-poll-closes = The poll must close after today and before the first slot.
error-poll-closed = This poll no longer takes answers.
email-poll-subject = When can you come? { $title }
email-poll-body = The { $city } coordinators are looking for a date for "{ $title }". Give your availability, without logging in:
email-poll-closes = Answers until { $date }.
email-poll-button = Give my availability
email-meetup-subject = Invitation: { $title }, on { $when }
email-meetup-body = You are invited to "{ $title }", on { $when }, { $place }. Tell us whether you are coming:
email-meetup-button = Answer the invitation

email-poll-reminder-subject = Last call: { $title }
email-poll-reminder-body = You have not given your availability for "{ $title }" yet. The poll closes on { $date }:

# Label punctuation: French puts a no-break space before the colon.
colon = :{ " " }

emails-title = My emails
emails-categories = I want to receive
emails-category-meetups = meetup invitations and reminders
emails-category-polls = date polls
emails-category-projects = reminders about my projects
emails-category-reviews = mentoring reminders
emails-category-digest = the news digest
emails-category-announcements = announcements from the coordinators
emails-account-always = Emails about your account (password, invitations) are always sent.
emails-save = Save my choices
flash-emails-saved = Your email choices are saved.
unsubscribe-title = Unsubscribe
unsubscribe-confirm = Stop these emails
unsubscribe-done = Done: you will no longer receive these emails. You can change your mind from your profile.

email-reminder-7d-subject = In a week: { $title }
email-reminder-1d-subject = Tomorrow: { $title }
email-reminder-body = A reminder: "{ $title }" takes place on { $when }, { $place }. If you can no longer come, say so to free your place:
email-nudge-subject = Are you coming? { $title }, on { $when }
email-nudge-body = You have not answered yet for "{ $title }" on { $when }. An answer helps prepare the room:
email-moved-subject = Change: { $title }, now on { $when }
email-moved-body = "{ $title }" has changed: the meetup takes place on { $when }.
email-cancelled-subject = Cancelled: { $title }
email-cancelled-body = "{ $title }", planned on { $when }, is cancelled.
email-meetup-see = See the meetup
email-milestone-due-subject = Soon: "{ $milestone }" ({ $project })
email-milestone-due-body = The milestone "{ $milestone }" of the project { $project } is due on { $date }.
email-milestone-overdue-subject = Late: "{ $milestone }" ({ $project })
email-milestone-overdue-body = The milestone "{ $milestone }" of the project { $project } was due on { $date }. Update it, or move its due date:
email-milestone-button = Open the project

outbox-title = Emails sent
outbox-counts = Waiting: { $pending } · sending: { $sending } · sent: { $sent } · failed: { $failed }
outbox-no-trouble = No email in trouble.
outbox-recipient = Recipient
outbox-kind = Kind
outbox-state = State (attempts)
outbox-error = Server's answer
outbox-retry = retry
flash-email-retried = The email is queued again.

email-review-due-subject = A review is due: { $project }
email-review-due-body = It is time to write a review for { $project }, which you follow.
email-review-overdue-subject = Review overdue: { $project }
email-review-overdue-body = The review of { $project } is two weeks late. The team is counting on you.
email-review-question = The team's question: "{ $question }"
email-quiet-subject = News from { $project }?
email-quiet-body = { $project } has published nothing for 30 days. Even a short progress note helps mentors, partners and the community follow you.

email-digest-subject = News from Relais ({ $period })
digest-new_project = New project: { $project } — { $text }
digest-stage = { $project } moves to the "{ $text }" stage
digest-milestone = { $project } reached its milestone "{ $text }"
digest-update = { $project }: { $text }
digest-next-meetup = Next meetup: { $title }, on { $when }.
emails-digest = News digest
digest-frequency-none = never
digest-frequency-daily = every day
digest-frequency-weekly = every week (on Monday)
digest-frequency-monthly = every month (on the 1st)

email-announcement-from-city = A message from the { $city } coordinators.
email-announcement-from-programme = A message from the programme's coordinators.
announcements-title = Announcements
announcement-new = Write an announcement
announcement-scope = Recipients
announcement-subject = Subject
announcement-body = Message
announcement-send = Send
announcement-sent-to = { $count ->
    [one] sent to one person
   *[other] sent to { $count } people
}
flash-announcement-sent = Announcement sent.

email-check-in-subject = Monthly check-in { $month }: { $project }
email-check-in-body = How is { $project } doing? Four questions, two minutes, no log-in needed:
email-check-in-button = Check in
check-in-title = Monthly check-in
check-in-heading = Monthly check-in of { $project } ({ $month })
check-in-lead = Your answers become a journal entry the team can read; your needs show on the project's page.
check-in-progress = What moved this month?
check-in-blockers = What is blocking you?
check-in-needs = What do you need?
check-in-needs-hint = Shown to everyone on the project's page, to find help.
check-in-next-step = What is the next step?
check-in-submit = Send
check-in-thanks = Thank you! Your check-in is in the project's journal.
error-check-in-answered = This check-in has already been answered.
rollup-missed-check-ins = Missed check-ins

## Dates and times (templates/src/dates.rs)
date-weekday-1 = Monday
date-weekday-2 = Tuesday
date-weekday-3 = Wednesday
date-weekday-4 = Thursday
date-weekday-5 = Friday
date-weekday-6 = Saturday
date-weekday-7 = Sunday
date-month-1 = January
date-month-2 = February
date-month-3 = March
date-month-4 = April
date-month-5 = May
date-month-6 = June
date-month-7 = July
date-month-8 = August
date-month-9 = September
date-month-10 = October
date-month-11 = November
date-month-12 = December
date-month-short-1 = Jan
date-month-short-2 = Feb
date-month-short-3 = Mar
date-month-short-4 = Apr
date-month-short-5 = May
date-month-short-6 = Jun
date-month-short-7 = Jul
date-month-short-8 = Aug
date-month-short-9 = Sep
date-month-short-10 = Oct
date-month-short-11 = Nov
date-month-short-12 = Dec
date-at-time = { $date }, { $time }
date-zone-of = { $place } time
date-relative-now = just now
date-relative-minutes-future = in { $count } { $count ->
    [one] minute
   *[other] minutes
}
date-relative-minutes-past = { $count } { $count ->
    [one] minute
   *[other] minutes
} ago
date-relative-hours-future = in { $count } { $count ->
    [one] hour
   *[other] hours
}
date-relative-hours-past = { $count } { $count ->
    [one] hour
   *[other] hours
} ago
date-relative-days-future = in { $count } { $count ->
    [one] day
   *[other] days
}
date-relative-days-past = { $count } { $count ->
    [one] day
   *[other] days
} ago
date-relative-weeks-future = in { $count } { $count ->
    [one] week
   *[other] weeks
}
date-relative-weeks-past = { $count } { $count ->
    [one] week
   *[other] weeks
} ago
date-relative-months-future = in { $count } { $count ->
    [one] month
   *[other] months
}
date-relative-months-past = { $count } { $count ->
    [one] month
   *[other] months
} ago
date-relative-years-future = in { $count } { $count ->
    [one] year
   *[other] years
}
date-relative-years-past = { $count } { $count ->
    [one] year
   *[other] years
} ago

# Explainer videos and the plain-language check (issue 16)
nav-videos = Videos
library-title = Videos: technology explained to my grandmother
library-lead = Short videos in which each team explains its project simply, with a transcript to read and captions.
library-feed = Follow new videos (Atom feed)
library-count = { $count ->
    [one] one video
   *[other] { $count } videos
}
library-empty = No video matches these filters.
explainer-length-value = { $minutes } min { $seconds } s
explainer-watch-on = Watch the video on { $host }
explainer-play = Play the video (hosted by { $host })
explainer-captioned = Captions
explainer-reviewed = Reviewed by the coordinators
explainer-no-video = Video to come: the transcript is already here.
explainer-frame-title = Video: { $title }
explainer-open-on = Open the video on { $host }
explainer-host-captions = Captions from the host
explainer-host-captions-later = The host also provides captions: the link shows with the video.
explainer-consent = Nothing is loaded from { $host } until you ask for the video.
explainer-download-video = Download the video
explainer-captions-download = Download the captions (WebVTT)
explainer-project = Project
explainer-transcript-download = Download the transcript (text)
explainer-edit = Edit the explainer video
explainer-edit-named = Edit "{ $title }"
explainer-review = Mark as reviewed
explainer-unreview = withdraw the review
explainer-new = Add an explainer video
explainer-none-yet = No explainer video yet.
explainer-form-lead = A short video that explains the project to someone who knows nothing about it. The transcript is required: it serves those who cannot watch the video. You may write and check it before filming.
explainer-title = Title
explainer-video-url = Video link
explainer-video-url-hint = PeerTube, YouTube, Vimeo, or an .mp4 or .webm file. Leave empty while the video is not online yet.
explainer-language = Spoken language
explainer-length = Length
explainer-length-hint = In minutes and seconds, for example 3:45.
explainer-transcript-hint = Write as you speak: short sentences, everyday words.
explainer-captions-url = Link to the host's captions
explainer-captions-url-hint = Optional, if the video's host provides some.
explainer-save = Save
explainer-delete-title = Delete
explainer-delete = Delete this explainer video
explainer-captions-title = Captions
explainer-captions-present = Captions are in place.
explainer-captions-none = No captions yet: add a WebVTT file for deaf and hard-of-hearing viewers.
explainer-captions-file = Captions file (WebVTT, .vtt)
explainer-captions-hint = At most { $max } KiB. Cues follow each other without overlapping.
explainer-captions-upload = Upload the captions
explainer-captions-remove = remove the captions
vtt-missing = Choose a captions file.
vtt-at-line = Line { $line }: { $problem }
vtt-too-large = The file is larger than { $max } KiB.
vtt-not-text = this is not UTF-8 text.
vtt-header = the file must start with "WEBVTT".
vtt-blank-after-header = a blank line must follow the header.
vtt-timing = expected times such as 00:00:01.000 --> 00:00:04.000.
vtt-end-before-start = this cue ends before it starts.
vtt-out-of-order = this cue starts before the previous one: times must increase.
vtt-overlap = this cue starts before the previous one ends.
vtt-arrow-in-text = a cue's text cannot contain "-->".
vtt-no-cues = the file has no cues.
readability-title = Readability
readability-score = Readability score
readability-score-title = Readability score: { $score } out of 100
readability-level-very-easy = Very easy to read
readability-level-easy = Easy to read
readability-level-fairly-difficult = Fairly difficult to read
readability-level-difficult = Difficult to read
readability-too-short = Too short to measure
readability-too-short-detail = This text is too short to measure: it takes at least { $min } words.
readability-target = Target: easy to read, { $target } and more.
readability-formula-fr = (Kandel–Moles formula, for French)
readability-formula-en = (Flesch reading ease, for English)
readability-words = { $count ->
    [one] one word
   *[other] { $count } words
}
readability-sentences = { $count ->
    [one] one sentence
   *[other] { $count } sentences
}
readability-long-title = { $count ->
    [one] One long sentence
   *[other] { $count } long sentences
}
readability-long-hint = Highlighted below: more than { $max } words. Split them in two.
readability-long-words = { $count } words
readability-jargon-title = Technical words
readability-jargon-explain = explain it, for example
readability-advice-only = This score advises you; it never stops you from saving.
readability-check = Check readability
readability-check-summary = Check the summary's readability
jargon-api = a way for two programs to exchange information
jargon-open-data = public information anyone may freely reuse
jargon-blockchain = a shared register nobody can change alone
jargon-algorithm = a list of steps the computer follows
jargon-open-source = software whose recipe is public and that anyone can improve
jargon-ai = a program that learns from many examples
jargon-cloud = computers rented over the Internet
jargon-big-data = very large amounts of information
jargon-database = a well-ordered file where information is kept
jargon-server = a computer always on that provides a service
jargon-backend = the hidden (or the visible) part of the software
jargon-geolocation = finding where you are on a map
jargon-encryption = making a message unreadable to others
jargon-gdpr = the European law that protects personal information
jargon-hackathon = a marathon where teams invent tools together
jargon-scraping = copying web pages automatically
jargon-ux = how people experience using the tool
explainer-coverage-title = Explainer videos
explainer-coverage-without = Projects without an explainer video: { $count }
explainer-coverage-without-none = Every project has its explainer video.
explainer-coverage-to-review = To review: { $count }
explainer-coverage-to-review-none = Nothing to review.
explainer-coverage-reviewed = Reviewed recently
explainer-coverage-reviewed-none = No video reviewed yet.
flash-explainer-saved = Explainer video saved.
flash-explainer-deleted = Explainer video deleted.
flash-explainer-reviewed = Video marked as reviewed: it may appear on the home page.
flash-explainer-unreviewed = Review withdrawn.
flash-captions-saved = Captions saved.
flash-captions-removed = Captions removed.
home-featured-explainers = Technology explained to my grandmother
home-all-explainers = All videos
error-transcript-too-long = The transcript is longer than 20,000 characters.
error-length-invalid = Give the length in minutes and seconds, for example 3:45 (3 hours at most).
## Mise en relation (relation, issue 12)
nav-needs = Help wanted
nav-relation = Introductions
emails-category-introductions = introduction requests
digest-question = Expertise question for { $project }: { $text }
filter-need = Looking for
help-kind-developer = developer
help-kind-designer = designer
help-kind-institution = institutional partner
help-kind-funding = entrepreneurship and funding
help-kind-legal = lawyer
help-kind-data = data specialist
help-kind-communication = communicator
help-kind-domain = domain expert
help-kind-other = other help
need-state-open = open
need-state-in_discussion = in discussion
need-state-filled = filled
need-state-withdrawn = withdrawn
spoken-fr = French
spoken-en = English
spoken-ar = Arabic
spoken-es = Spanish
spoken-de = German
spoken-it = Italian
spoken-pt = Portuguese
spoken-wo = Wolof
reason-remote = remote
reason-theme-social = interested in social issues
reason-theme-environmental = interested in the environment
reason-theme-democratic = interested in democracy
reason-theme-educational = interested in education
error-help-kind-invalid = Unknown kind of help.
error-help-kind-required = Choose at least one kind of help.
error-tag-invalid = A keyword may only hold letters, digits, spaces and - + # . / '
error-tag-too-long = A keyword is at most 32 characters long.
error-too-many-tags = At most 8 keywords.
error-language-required = Choose at least one language.
error-introductions-per-month = Give a number from 0 to 20.
error-introduction-own-project = You are on this team: no introduction needed.
error-introduction-not-contactable = This person does not wish to be contacted for now.
error-introduction-member-busy = This person has had all the requests they accept this month. Try again next month.
error-introduction-need-closed = This need is filled or withdrawn: it takes no more requests.
error-introduction-exists = There is already a request for this need.
error-introduction-declined = This request was already declined; we do not send it again.
error-introduction-open-limit = You already have 5 requests waiting for an answer. Wait for an answer before sending more.
error-introduction-daily-limit = You sent 3 requests in the last 24 hours. Try again tomorrow.
error-introduction-answered = This request has already been answered.
error-introduction-expired = This request expired: it got no answer within 30 days.
flash-need-saved = Need saved.
flash-need-state = Need updated.
flash-offer-saved = Your offer of help is saved.
flash-introduction-sent = Request sent. You will get an email as soon as it is answered.
flash-introduction-accepted = Introduction accepted: you each get the other's address by email.
flash-introduction-declined = Request declined. Thank you for answering.
flash-question-asked = Question published.
flash-answer-posted = Answer published.
flash-answer-helpful = Answer marked as helpful.
needs-title = Help wanted
needs-none = This project has published no need.
need-add = Publish a need
need-kind = Kind of help
need-description = What do you need?
need-description-hint = A few sentences, plain text (at most 1,000 characters).
need-tags = Keywords
tags-hint = Separated by commas, for example: accessibility, python, gdpr (at most 8).
tags-in-use = Keywords already in use
need-remote = remote
need-remote-ok = Can be done remotely
need-languages = The team's languages
need-save = Save the need
need-edit = Edit this need
need-manage = Manage this need and see suggested people
need-can-help = I can help
need-see = See the need
need-page-title = { $kind } for { $project }
need-help-lead = Introduce yourself in a few words: the team gets your message, not your address. If they accept, you each get the other's address.
need-help-submit = Offer my help
need-help-log-in = Log in to offer your help.
need-state = State of the need
need-state-submit = Change the state
need-state-hint = A filled or withdrawn need closes the requests waiting on it; each person concerned is told.
introduction-message = Your message
introduction-message-hint = Plain text, at most 1,000 characters. Leave your address out: it is passed on if the request is accepted.
introduction-yours-pending = Your request is waiting for an answer.
introduction-yours-accepted = Introduction accepted: find the address in your email or on the Introductions page.
introduction-yours-declined = The team is not taking it further this time. Thank you for offering!
introduction-yours-expired = Your request expired without an answer.
introduction-yours-closed = This need was filled or withdrawn; your request is closed.
suggestions-members = People who could help
suggestions-members-lead = Members who accept to be contacted and whose offer fits, with the reason. Their address is passed on only if they accept.
suggestions-needs = Needs that fit your offer
suggestions-need-offer = Say what you can bring to see the needs that fit you.
suggestions-none = No suggestion for now.
suggestion-ask = Ask { $name }
suggestion-ask-submit = Send the request
open-needs-title = Help wanted…
open-needs-lead = The projects' open needs, city by city. Can you help? Offer it from the need's page.
open-needs-count = { $count ->
    [0] No open need
    [one] One open need
   *[other] { $count } open needs
}
open-needs-for-you = See the needs that fit what I offer
open-needs-offer = Say what you can bring
helpers-title = Who can help
helpers-lead = Members who chose to make their offer of help public. Their address is never shown.
helpers-none = Nobody has made their offer public yet.
offer-title = What I can bring
offer-lead = None of this is public unless you choose so. Your address is never shown: it is passed on only after an introduction you accepted.
offer-kinds = Kinds of help
offer-tags = My keywords
offer-description = In a few words
offer-description-hint = What you know how to do, what interests you (at most 500 characters).
offer-themes = Themes I care about
offer-languages = Languages spoken
offer-city = City where I can help in person
offer-remote = I also help remotely
offer-per-month = Requests accepted per month
offer-per-month-hint = Beyond that, no team can ask you until the next month (0 to 20).
offer-contactable = Teams may propose introductions to me
offer-contactable-hint = Your name, kinds of help, keywords and city appear in the teams' suggestions.
offer-public = Show my offer on the public "Who can help" list
offer-public-hint = Without your address.
offer-save = Save
hub-title = Introductions
hub-make-offer = Say what I can bring
hub-edit-offer = Edit my offer of help
introductions-received = Requests received
introductions-sent = Requests sent
introductions-none = No request.
introduction-sent-member = You offer your help to { $project } ({ $kind })
introduction-sent-team = Your team asks { $member } for help with { $project } ({ $kind })
introduction-received-member = { $member } offers to help { $project } ({ $kind })
introduction-received-team = { $project } asks for your help ({ $kind })
introduction-state-pending = waiting
introduction-state-accepted = accepted
introduction-state-declined = declined
introduction-state-expired = expired
introduction-state-closed = closed
introduction-asked-by = asked by { $name }
introduction-expires = expires
introduction-contact = Write to { $name }:
introduction-accept = Accept
introduction-decline = Decline
introduction-answer-title = An introduction request
introduction-answer-from-member = { $name } offers to help { $project } with this need: { $kind }.
introduction-answer-from-team = The team of { $project } ({ $name }) asks for your help with this need: { $kind }.
introduction-answer-explain = If you accept, you each get the other's address by email. If you decline, the other person is told kindly and cannot ask you again about this need.
introduction-accepted-body = You each get the other's address by email. Enjoy the meeting!
introduction-declined-body = Thank you for answering. The other person is told.
follow-up-title = Did your introduction lead somewhere?
follow-up-question = A month ago, you were introduced to { $name } for { $project }. Did it lead somewhere?
follow-up-yes = Yes
follow-up-in_progress = It is under way
follow-up-no = No
follow-up-answered = Your answer: { $answer }. You may change it.
follow-up-thanks = Thank you! Your answer helps the programme know what introductions bring.
questions-title = Expertise questions
questions-none = No question yet.
questions-best = Answers that helped the team
question-title = Expertise question
question-ask = Ask an expertise question
question-body = Your question
question-body-hint = For example: "Which licence for our data?" (at most 1,000 characters). Members whose offer fits this need will see it in their digest.
question-public = Public answers (otherwise for the team only)
question-submit = Publish the question
question-see = see the question
question-answers = { $count ->
    [0] no answer yet
    [one] one answer
   *[other] { $count } answers
}
question-answers-public = public answers
question-answers-team = answers for the team only
answers-none = No answer yet.
answers-hidden = { $count ->
    [one] One more answer is for the team only.
   *[other] { $count } more answers are for the team only.
}
answer-body = Answer
answer-reply = Reply to this answer
answer-submit = Publish
answer-helpful = Helpful answer
answer-mark-helpful = Mark as helpful
answer-log-in = Log in to answer
volumes-title = Introductions: volumes
volumes-lead = Per city: open needs, requests and follow-up answers. Messages stay between the people concerned.
volumes-open-needs = Open needs
volumes-asked = Requests
email-intro-request-member-subject = { $name } offers to help { $project }
email-intro-request-member-body = { $name } offers to help { $project } with your need: { $kind }.
email-intro-request-team-subject = { $project } would like your help ({ $kind })
email-intro-request-team-body = The team of { $project } ({ $name }) thinks you could help them with this need: { $kind }.
email-intro-need = The need: { $description }
email-intro-message = Message from { $name }: "{ $message }"
email-intro-request-privacy = No address has been passed on. If you accept, you each get the other's address; if not, the other person is told kindly. Without an answer within 30 days, the request expires.
email-intro-request-button = Answer the request
email-intro-accepted-subject = Introduction: { $name } ({ $project })
email-intro-accepted-member = The team of { $project } and you accepted the introduction for this need: { $kind }.
email-intro-accepted-team = { $name } and your team accepted the introduction for this need: { $kind }.
email-intro-accepted-address = To write to { $name }: { $email }
email-intro-accepted-next = It is up to you to agree on what comes next. In a month, we will ask you whether it led somewhere.
email-intro-see-need = See the need
email-intro-declined-subject = Your request for { $project }
email-intro-declined-member = The team of { $project } is not taking your offer further this time ({ $kind }). Thank you for making it: other projects may be looking for what you can do.
email-intro-declined-team = The person you asked for { $project } ({ $kind }) cannot take it further this time. Thank you for asking: other suggestions are waiting.
email-intro-see-more = See the introduction
email-intro-expired-subject = No answer: your request for { $project }
email-intro-expired-body = Your request for { $project } ({ $kind }) got no answer within 30 days; it is closed. Nothing stops you from sending another one.
email-intro-closed-subject = { $project }: the "{ $kind }" need is closed
email-intro-closed-filled = The "{ $kind }" need of { $project } has just been filled, so your request is closed. Thank you for your interest!
email-intro-closed-withdrawn = The team of { $project } withdrew its "{ $kind }" need, so your request is closed. Thank you for your interest!
email-follow-up-subject = Did your introduction to { $name } lead somewhere?
email-follow-up-body = A month ago, you were introduced to { $name } for { $project }. One click to tell us whether it led somewhere: yes, under way, or no.
email-follow-up-button = Answer in one click

# -- ops (issue 10)
footer-source = Source code (AGPL-3.0)
source-title = Source code
source-licence = Relais is free software under the GNU Affero General Public License, version 3 or later: you may use, study, change and share it. Anyone who uses this site is entitled to the exact source code it runs.
source-version = Version running:
source-get = Download this site's source code
source-ask = The team hosting this site has not yet said where the code is published: write to them to get it, they must provide it.
source-read-licence = Read the AGPL-3.0 licence

# -- actions
error-meetup-changed-meanwhile = Someone else has just changed this meeting: reload the page and try again.
email-promoted-subject = A place for you: { $title }, on { $when }
email-promoted-body = A place has freed up at "{ $title }" on { $when }, { $place }: it is yours.
email-promoted-free-it = If you can no longer come, say so on the meeting's page: the place will go to the next person.
email-review-posted-subject = New review of "{ $project }"
email-review-posted-body = { $mentor }, who follows "{ $project }", has just posted a review: scores, strengths, recommendations and next steps.
email-review-posted-answer = You can acknowledge it, answer it and turn next steps into milestones.
email-review-posted-button = Read the review
email-review-requested-subject = "{ $project }" asks for a review
email-review-requested-body = { $name }, of the "{ $project }" team, asks you for a review.
email-mentor-assigned-mentor-subject = You now mentor "{ $project }"
email-mentor-assigned-mentor-body = You are now the mentor of "{ $project }". Introduce yourself to the team; your first review is expected within six weeks.
email-mentor-assigned-team-subject = { $mentor } now mentors "{ $project }"
email-mentor-assigned-team-body = { $mentor } now follows "{ $project }": you will receive their reviews, and can ask for one at any time from the project's page.
email-mentor-ended-mentor-subject = You no longer mentor "{ $project }"
email-mentor-ended-mentor-body = Your mentoring of "{ $project }" has ended. Your reviews stay on the project's page. Thank you!
email-mentor-ended-team-subject = { $mentor } no longer mentors "{ $project }"
email-mentor-ended-team-body = { $mentor } no longer follows "{ $project }". Their reviews stay on the project's page; coordinators can suggest another mentor.
flash-invitation-renewed = Invitation extended by 7 days. The email sent less than an hour ago still works: no new email was sent.
error-invitation-racing = Another invitation to this address has just been sent: reload the page.

# -- speed
rollup-all-quiet = all { $count } quiet projects
rollup-more = and { $count } more
quiet-title = Quiet projects in { $city }
quiet-project = Project
quiet-since = Last public news

# -- content
email-digest-update-lead = News from { $project }:
email-review-question-lead = The team's question:
email-footer-why-meetups = You receive this email because you are a Relais member in a city that holds meetups.
email-footer-why-polls = You receive this email because your city's coordinators ask you about the dates of their meetups.
email-footer-why-projects = You receive this email because you are on the team of a project on Relais.
email-footer-why-reviews = You receive this email because you mentor a project on Relais.
email-footer-why-digest = You receive this email because you chose to receive the Relais news digest.
email-footer-why-announcements = You receive this email because you are a Relais member, and the coordinators write to their members.
email-footer-why-introductions = You receive this email because you take part in Relais introductions.
email-footer-unsubscribe = Stop receiving { $category }
email-footer-preferences = Choose which emails I receive
email-footer-link = { $label }: { $url }

# -- lead (limits)
error-daily-invitations = You have sent 20 invitations today, the limit for one day. Try again tomorrow, or ask a coordinator to invite these people.
error-daily-announcements = You have sent 5 announcements today, the limit for one day. Try again tomorrow.
error-daily-polls = You have opened 10 polls today, the limit for one day. Try again tomorrow.
calendar-new-address = Here is your new calendar address. Copy it into your calendar app now: for your safety, it will not be shown again. You can always make another one.
calendar-open-in-app = Open in my calendar app
calendar-is-on = Your personal calendar is on. Its address is shown only when it is made; if you lost it, make a new one.
error-date-out-of-range = Choose a date between the years 2000 and 2100.

# -- french
form-errors-count = { $count ->
    [one] There is 1 problem
   *[other] There are { $count } problems
}
error-required-name = Enter your name.
error-required-email = Enter your email address.
error-required-password = Enter a password.
error-required-title = Enter a title.
error-required-due-on = Enter the due date.
error-required-body = Write the text of the update.
error-required-stage = Choose a stage.
error-required-impact = Give a score for impact, from 1 to 5.
error-required-progress = Say where the project stands.
error-required-openness = Give a score for openness, from 1 to 5.
error-required-team-health = Give a score for the team's health, from 1 to 5.
error-score-invalid-impact = The impact score goes from 1 to 5.
error-score-invalid-progress = The progress score goes from 1 to 5.
error-score-invalid-openness = The openness score goes from 1 to 5.
error-score-invalid-team-health = The team health score goes from 1 to 5.
confirm-back = Go back without changing anything
confirm-cancel-meeting-title = Cancel “{ $title }”, { $date }?
confirm-cancel-meeting-told = { $count ->
    [0] Nobody has answered yes or maybe yet: nobody will receive a message.
    [one] One registered person (yes, maybe or waiting list) will receive a message cancelling the meeting.
   *[other] { $count } registered people (yes, maybe or waiting list) will receive a message cancelling the meeting.
}
confirm-cancel-meeting-record = The meeting will stay listed as cancelled, with its answers and agenda. It cannot be restored.
confirm-cancel-meeting-submit = Cancel the meeting
confirm-remove-member-title = Remove { $name } from the team of “{ $project }”?
confirm-remove-member-what = { $name } will no longer be able to post updates or edit the project. Updates already posted stay. No email is sent.
confirm-remove-member-back = To come back to the team, { $name } will need a new invitation.
confirm-remove-member-submit = Remove { $name } from the team
meetup-cancel-ask = Cancel the meeting…
confirm-announce-title = Send the announcement “{ $subject }”?
confirm-announce-to = { $count ->
    [0] Nobody is addressed by this announcement: no message will be sent.
    [one] One person will receive this message by email, unless they chose not to receive announcements.
   *[other] { $count } people will receive this message by email, except those who chose not to receive announcements.
}
confirm-announce-final = An email once sent cannot be recalled.
confirm-announce-submit = { $count ->
    [one] Send to one person
   *[other] Send to { $count } people
}

# -- figures-dash
continuity-title = Project continuity
continuity-home-title = Projects that carry on after the marathon
continuity-chart-title = Projects active after the marathon — { $edition }
continuity-chart-description = Share of the projects of { $edition } active 1, 3, 6 and 12 months after the marathon, by city.
continuity-after = After the marathon
continuity-month = { $month ->
    [one] 1 month
   *[other] { $month } months
}
continuity-all = All cities
continuity-to-come = to come
continuity-so-far = , so far
continuity-cell = { $active } / { $projects } ({ $percent })
continuity-reading-over = { $month ->
    [one] 1 month
   *[other] { $month } months
} after the marathon, { $active } of { $projects } { $projects ->
    [one] project
   *[other] projects
} { $active ->
    [one] was active
   *[other] were active
}.
continuity-reading-running = This month, { $month ->
    [one] 1 month
   *[other] { $month } months
} after the marathon, { $active } of { $projects } { $projects ->
    [one] project
   *[other] projects
} { $active ->
    [one] is active
   *[other] are active
} so far.
continuity-reading-before = The first figures will come from { $date }, the day after the marathon.
continuity-reading-empty = No project has joined this edition yet.
continuity-definition-title = How this figure is counted
continuity-definition-active = A project is active in a month when it published a public journal entry, completed a milestone or answered the monthly check-in during that month.
continuity-definition-months = The first month begins the day after the marathon's last day and runs to the same day of the next month (a marathon ending on 10 March: 11 March to 10 April), in each city's calendar. A month that is over is fixed; the month under way counts what has happened so far.
continuity-definition-count = Every project of the edition counts, whatever its stage, visibility or archiving: a project that stopped is a project that is no longer active.
edition-projects = See this edition's projects
gallery-edition-page = The continuity of the projects of { $edition }
figures-title = Programme dashboard
figures-whole-programme = The whole programme
figures-all-my-cities = All my cities
figures-month = Month
figures-stage = Stage
figures-projects = Projects
figures-reading-active = { $active } of { $projects } { $projects ->
    [one] project
   *[other] projects
} { $active ->
    [one] is
   *[other] are
} active this month.
figures-reading-no-project = No live project in this scope.
figures-activity = Activity month by month
figures-activity-chart = Project activity per month
figures-activity-chart-description = Active projects, monthly check-ins sent and check-ins answered, month by month.
figures-active = Active projects
figures-check-ins-sent = Check-ins sent
figures-check-ins-answered = Check-ins answered
figures-reading-check-ins = This month, { $answered } { $answered ->
    [one] check-in was
   *[other] check-ins were
} answered, of { $sent } sent.
figures-stages = Project stages
figures-stages-chart = Live projects by stage
figures-stages-chart-description = Number of live projects at each stage today.
figures-reading-stages = The most common stage is “{ $stage }”: { $count } of { $projects } projects.
figures-stage-changes-chart = Stage changes per month
figures-stage-changes-chart-description = Stages reached, and projects paused or stopped, month by month.
figures-stages-forward = Stages reached
figures-stages-back = Paused or stopped
figures-reading-stage-changes = In { $months } months: { $forward } { $forward ->
    [one] stage reached
   *[other] stages reached
}, { $back } { $back ->
    [one] project paused or stopped
   *[other] projects paused or stopped
}.
figures-milestones = Milestones
figures-milestones-chart = Milestones completed per month
figures-milestones-chart-description = Number of milestones completed, month by month.
figures-milestones-done = Milestones completed
figures-milestones-now-chart = Late and upcoming milestones by city
figures-milestones-now-chart-description = Milestones past their due date and milestones due in the next 30 days, by city.
figures-milestones-late = Late
figures-milestones-upcoming = Upcoming
figures-reading-milestones = { $late } { $late ->
    [one] milestone is
   *[other] milestones are
} late and { $upcoming } due in the next { $days } days; { $done } completed this month.
figures-quiet = Quiet projects and skipped check-ins
figures-quiet-chart = Quiet projects by city
figures-quiet-chart-description = Projects without a public update for 30 days, and projects that left their last two check-ins unanswered, by city.
figures-quiet-projects = Quiet for 30 days
figures-skipped-check-ins = Two check-ins skipped
figures-quiet-list = The quiet projects of { $city }
figures-reading-quiet = { $quiet } of { $projects } { $projects ->
    [one] project has
   *[other] projects have
} published nothing for 30 days; { $skipped } left their last two check-ins unanswered.
figures-reviews = Mentor reviews
figures-reviews-chart = Mentoring by city
figures-reviews-chart-description = Live projects, projects followed by a mentor and projects whose review is overdue, by city.
figures-followed = Followed by a mentor
figures-reviews-overdue = Review overdue
figures-reviews-written-chart = Reviews written per month
figures-reviews-written-chart-description = Number of reviews written by mentors, month by month.
figures-reviews-written = Reviews written
figures-reading-reviews = { $followed } of { $projects } { $projects ->
    [one] project is
   *[other] projects are
} followed by a mentor; { $overdue } overdue for a review; { $written } { $written ->
    [one] review
   *[other] reviews
} written in { $months } months.
figures-meetups = Meetup attendance
figures-meetups-chart = Meetups per month
figures-meetups-chart-description = Meetups, places taken ("yes" answers off the waiting list) and people present, month by month.
figures-meetings = Meetups
figures-answered-yes = "Yes" answers
figures-attended = Present
figures-reading-meetups = In { $months } months: { $meetings } { $meetings ->
    [one] meetup
   *[other] meetups
}, { $yes } "yes" { $yes ->
    [one] answer
   *[other] answers
} and { $attended } { $attended ->
    [one] person
   *[other] people
} present.
figures-needs = Needs and introductions
figures-needs-chart = Needs and introductions by city
figures-needs-chart-description = Open needs, introductions asked for and accepted, by city.
figures-open-needs = Open needs
figures-introductions = Introductions
figures-introductions-accepted = Accepted
figures-outcomes-chart = What the introductions led to
figures-outcomes-chart-description = Answers to the follow-up question asked after an accepted introduction.
figures-outcome = Answer
figures-answers = Answers
figures-outcome-yes = It worked out
figures-outcome-in_progress = Under way
figures-outcome-no = It led nowhere
figures-reading-needs = { $open } open { $open ->
    [one] need
   *[other] needs
}; { $asked } { $asked ->
    [one] introduction
   *[other] introductions
} asked for, { $accepted } accepted; { $helped } follow-up { $helped ->
    [one] answer says
   *[other] answers say
} it worked out.
figures-emails = Email delivery
figures-emails-chart = Emails by delivery state
figures-emails-chart-description = Number of emails waiting, being sent, sent and failed.
figures-email-state = State
figures-email-pending = Waiting
figures-email-sending = Being sent
figures-email-sent = Sent
figures-email-failed = Failed
figures-reading-emails = { $failed } failed { $failed ->
    [one] email
   *[other] emails
}, { $pending } waiting, { $sent } sent.
report-title = Quarterly report
report-quarter = Q{ $number } { $year }
report-quarter-label = Quarter
report-made = Made on { $when }.
report-print-hint = To print it or save it as a PDF, use your browser's Print command: the page fits A4, in black and white.
report-figures = The quarter's figures
report-chart = The quarter month by month
report-chart-description = Active projects, check-ins answered, milestones completed, stages reached and reviews written, for each month of the quarter.
report-reading-month = In { $month }, { $active } of { $projects } { $projects ->
    [one] project
   *[other] projects
} { $active ->
    [one] was
   *[other] were
} active.
report-reading-nothing = This quarter has not begun yet.
report-highlights = Highlights
report-reached = { $count ->
    [0] No milestone reached by a public project
    [one] One milestone reached
   *[other] { $count } milestones reached
}
report-moved = { $count ->
    [0] No public project changed stage
    [one] One stage change
   *[other] { $count } stage changes
}
report-and-more = … and { $count } more.
report-upcoming = Meetups to come
report-no-meetup = No meetup planned yet.
export-title = Export as CSV
export-lead = CSV files (UTF-8, comma-separated) for LibreOffice or Excel, filtered like this dashboard. No address, no participant's name, no review text.
export-projects = Projects
export-milestones = Milestones
export-journal = Public updates
export-meetups = Meetups and attendance
export-needs = Needs and introductions (counts)

# -- french (2)
date-today = today
date-tomorrow = tomorrow
date-yesterday = yesterday

# -- api
footer-open-data = Open data
open-data-title = Open data
open-data-intro = Each edition's public projects, their milestones and the programme's continuity are published as open data: CSV tables described by a Frictionless Data Package, at an address that does not change.
open-data-licence = Licence of the data:
open-data-editions = By edition
open-data-none = No edition yet.
open-data-package = The data package (datapackage.json)
open-data-projects = Public projects (CSV)
open-data-milestones = Their milestones (CSV)
open-data-continuity = Continuity: share of projects active 1 to 12 months after the marathon (CSV)
open-data-api-title = Public API
open-data-api-intro = Editions, cities, public projects (milestones, stage, licence, links, open needs), their public journal and meetups can also be read as JSON under /api/v1, with no key and from any site. The OpenAPI 3.1 description is made from the code, so it cannot drift from it.
open-data-api-document = The API's description (OpenAPI 3.1)
open-data-api-rules = Lists are paginated (page and per_page, at most { $max }) and filtered like the gallery. Every answer carries an ETag: send it back in If-None-Match to get 304 when nothing changed. An error always answers with the same JSON "error" object, holding a code and a message.
confirm-convert-poll-title = Set “{ $title }” for { $date }?
confirm-convert-poll-told = { $count ->
    [0] Nobody was asked in this poll: nobody will get a message.
    [one] The person asked in the poll will get an invitation by email, with the calendar file.
   *[other] The { $count } people asked in the poll will get an invitation by email, with the calendar file.
}
confirm-convert-poll-final = The poll will close: the other dates can no longer be chosen.
confirm-convert-poll-submit = Set the meeting and send the invitations
profile-time-zone-city = My city's
zone-group-cities = The programme's cities
zone-region-europe = Europe
zone-region-africa = Africa
zone-region-america = Americas
zone-region-asia = Asia
zone-region-atlantic = Atlantic Ocean
zone-region-indian = Indian Ocean
zone-region-pacific = Pacific Ocean
zone-region-australia = Australia
zone-region-antarctica = Antarctica
error-time-zone-not-listed = Choose a time zone from the list.
feed-programme = News from every project (Atom)
feed-videos = Explainer videos (Atom)
feed-project = { $title }'s journal (Atom)
feed-city-calendar = Meetings in { $city } (calendar)
subscribe = Subscribe
subscribe-address = Calendar address to copy
meetups-subscribe-title = The meetings in your calendar
meetups-subscribe-lead = “Subscribe” opens your calendar application, which then follows the city's meetings, their changes and cancellations. Or copy the address into your calendar.
rsvp-attendance-of = Attendance of { $name }

# -- lead
poll-slot-date = Day of slot { $n }
poll-slot-time = Time of slot { $n }
poll-more-slots = Add more lines
error-slot-incomplete = A slot has a day without a time, or a time without a day.
error-time-skipped = This time does not exist on that day: clocks go forward an hour for summer time.
licence-mit = MIT License
licence-apache-2-0 = Apache License 2.0
licence-bsd-3-clause = BSD 3-Clause License
licence-gpl-3-0-or-later = GNU GPL v3 or later
licence-agpl-3-0-or-later = GNU AGPL v3 or later
licence-lgpl-3-0-or-later = GNU LGPL v3 or later
licence-mpl-2-0 = Mozilla Public License 2.0
licence-eupl-1-2 = European Union Public Licence 1.2
licence-cecill-2-1 = CeCILL 2.1
licence-cc0-1-0 = Creative Commons Zero 1.0 (public domain)
licence-cc-by-4-0 = Creative Commons Attribution 4.0
licence-cc-by-sa-4-0 = Creative Commons Attribution-ShareAlike 4.0
licence-etalab-2-0 = Etalab Open Licence 2.0
licence-odbl-1-0 = Open Database License 1.0
quoted = “{ $text }”
text-size-large = Larger text
text-size-normal = Normal-size text
# -- french
filters-more = { $count ->
    [0] More filters
    [one] Filters (1 chosen)
   *[other] Filters ({ $count } chosen)
}
