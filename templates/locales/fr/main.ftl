programme-name = La Nuit du Code Citoyen
site-name = Relais
site-tagline = Les projets citoyens continuent après le marathon.
skip-to-content = Aller au contenu

nav-home = Accueil
nav-login = Se connecter
nav-signup = Créer un compte
nav-logout = Se déconnecter
nav-profile = Mon profil
nav-admin = Coordination
nav-language = Langue
nav-main = Navigation principale

home-title = Relais — la suite de La Nuit du Code Citoyen
home-lead = Un marathon le même week-end dans plusieurs villes francophones, puis des mois d'accompagnement : Relais garde les projets vivants.
home-what-title = Ce que fait Relais
home-what-projects = Les équipes suivent leurs jalons, publient leurs avancées, leurs démos et leurs vidéos « la technologie expliquée à ma grand-mère ».
home-what-mentors = Les mentors suivent les projets qui leur sont confiés et laissent des retours structurés.
home-what-meetups = Chaque mois, une rencontre par ville entre développeurs, designers, institutions et entrepreneurs.
home-what-open = Tous les projets sont sociaux, environnementaux, démocratiques ou éducatifs, et publiés sous licence libre.
home-editions = Éditions
home-cities = Villes
home-welcome = Bonjour { $name } !
home-cta-signup = Rejoindre le programme

form-errors-title = Le formulaire contient des erreurs :
form-required = obligatoire

signup-title = Créer un compte
signup-name = Nom
signup-email = Adresse e-mail
signup-password = Mot de passe
signup-password-hint = Au moins 10 caractères.
signup-language = Langue préférée
signup-city = Ville
signup-city-none = Aucune ville
signup-submit = Créer mon compte
signup-invited-as = Vous êtes invité·e avec l'adresse { $email }.
signup-invitation-only = Les inscriptions se font sur invitation : demandez un lien à la coordination de votre ville.
signup-have-account = Déjà un compte ? Se connecter

check-inbox-title = Vérifiez votre boîte de réception
check-inbox-body = Si cette adresse peut être utilisée, un e-mail vient d'y être envoyé avec la suite. Le lien est valable 24 heures.

activate-title = Activation du compte
activate-done = Votre compte est activé. Vous pouvez vous connecter.

login-title = Se connecter
login-email = Adresse e-mail
login-password = Mot de passe
login-remember = Rester connecté·e sur cet appareil
login-submit = Se connecter
login-forgot = Mot de passe oublié ?

forgot-title = Mot de passe oublié
forgot-lead = Indiquez votre adresse : si un compte y est associé, vous recevrez un lien pour choisir un nouveau mot de passe, valable une heure.
forgot-submit = Envoyer le lien
forgot-sent = Si un compte correspond à cette adresse, un lien vient d'être envoyé. Il est valable une heure.

reset-title = Choisir un nouveau mot de passe
reset-password = Nouveau mot de passe
reset-submit = Enregistrer le mot de passe
reset-done = Votre mot de passe a été changé. Connectez-vous avec le nouveau.
reset-invalid-title = Lien inutilisable

profile-title = Mon profil
profile-name = Nom
profile-email = Adresse e-mail
profile-language = Langue
profile-time-zone = Fuseau horaire
profile-time-zone-hint = Les villes du programme d'abord, puis chaque région du monde. « Celui de ma ville » suit l'heure de votre ville (Europe/Paris sans ville).
profile-city = Ville
profile-skills = Compétences
profile-bio = Présentation
profile-bio-hint = 1000 caractères au plus.
profile-submit = Enregistrer
profile-saved = Profil enregistré.
profile-roles = Rôles
profile-password-title = Changer de mot de passe
profile-current-password = Mot de passe actuel
profile-new-password = Nouveau mot de passe
profile-password-submit = Changer le mot de passe
profile-password-changed = Mot de passe changé. Vos autres sessions ont été fermées.

skill-developer = Développement
skill-designer = Design
skill-institution = Institution
skill-entrepreneur = Entrepreneuriat
skill-other = Autre

role-coordinator = Coordination
role-mentor = Mentor
role-member = Membre
role-programme = tout le programme

language-fr = Français
language-en = English

admin-title = Coordination
admin-registration = Inscriptions
admin-registration-open = Ouvertes à tous (confirmation par e-mail)
admin-registration-invitation = Sur invitation seulement
admin-registration-submit = Enregistrer
admin-registration-saved = Mode d'inscription enregistré.
admin-invite-title = Inviter une personne
admin-invite-email = Adresse e-mail
admin-invite-city = Ville
admin-invite-role = Rôle
admin-invite-language = Langue de l'invitation
admin-invite-submit = Envoyer l'invitation
admin-invite-sent = Invitation envoyée.
admin-programme = Tout le programme

flash-logged-in = Vous êtes connecté·e.
flash-logged-out = Vous êtes déconnecté·e.
flash-welcome = Bienvenue sur Relais !

error-page-title = Erreur
error-404-title = Page introuvable
error-404-body = Cette page n'existe pas ou plus.
error-403-title = Accès refusé
error-403-body = Vous n'avez pas le droit de faire cela.
error-401-body = Connectez-vous pour continuer.
error-400-title = Requête invalide
error-400-body = La requête n'a pas pu être comprise.
error-413-title = Envoi trop volumineux
error-413-body = Ce que vous avez envoyé dépasse la taille autorisée.
error-429-title = Trop de tentatives
error-429-body = Trop de tentatives en peu de temps. Réessayez dans quelques minutes.
error-500-title = Erreur du serveur
error-500-body = Quelque chose s'est mal passé de notre côté. L'équipe a été prévenue ; réessayez plus tard.
error-back-home = Retour à l'accueil

error-required = Ce champ est obligatoire.
error-email-invalid = Ce n'est pas une adresse e-mail valide.
error-language-invalid = Choisissez le français ou l'anglais.
error-skill-invalid = Compétence inconnue.
error-time-zone-invalid = Fuseau horaire inconnu (exemple : Europe/Paris, Africa/Dakar).
error-role-invalid = Rôle inconnu.
error-password-too-short = Le mot de passe doit faire au moins 10 caractères.
error-password-too-long = Le mot de passe doit faire au plus 128 caractères.
error-password-wrong = Le mot de passe actuel est incorrect.
error-token-used = Ce lien a déjà été utilisé.
error-token-expired = Ce lien a expiré. Demandez-en un nouveau.
error-token-unknown = Ce lien n'est pas valide.
error-city-invalid = Ville inconnue.
error-invitation-required = Les inscriptions se font sur invitation.
error-account-exists-log-in = Un compte existe déjà pour cette adresse : connectez-vous.
error-account-exists = Cette personne a déjà un compte.
error-name-too-long = Le nom doit faire au plus 80 caractères.
error-bio-too-long = La présentation doit faire au plus 1000 caractères.
error-login-failed = Adresse ou mot de passe incorrect.
error-choice-invalid = Choix invalide.
error-slug-invalid = Utilisez des minuscules, des chiffres et des tirets (2 à 60 caractères).
error-slug-taken = Ce nom est déjà pris.
error-date-invalid = Date invalide : choisissez-la dans le calendrier ou écrivez-la en chiffres (jour/mois/année).
error-end-before-start = La fin doit suivre le début.
error-csrf = Le formulaire a expiré. Rechargez la page et réessayez.
error-rate-limited = Trop de tentatives. Réessayez dans quelques minutes.

email-greeting = Bonjour { $name },
email-signature = L'équipe Relais de La Nuit du Code Citoyen
email-ignore = Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.
email-activation-subject = Confirmez votre adresse pour Relais
email-activation-body = Pour activer votre compte Relais, ouvrez ce lien (valable 24 heures) :
email-activation-button = Activer mon compte
email-account-exists-subject = Vous avez déjà un compte Relais
email-account-exists-body = Quelqu'un (peut-être vous) a voulu créer un compte avec cette adresse, qui en a déjà un. Si vous avez oublié votre mot de passe, vous pouvez en choisir un nouveau ici :
email-account-exists-button = Choisir un nouveau mot de passe
email-reset-subject = Nouveau mot de passe pour Relais
email-reset-body = Pour choisir un nouveau mot de passe, ouvrez ce lien (valable une heure, utilisable une seule fois) :
email-reset-button = Choisir un nouveau mot de passe
email-set-password-subject = Votre compte Relais est prêt
email-set-password-body = Un compte a été créé pour vous. Choisissez votre mot de passe avec ce lien (utilisable une seule fois) :
email-invitation-subject = Invitation à rejoindre Relais
email-invitation-body = { $inviter } vous invite à rejoindre Relais, la plateforme de suivi de La Nuit du Code Citoyen{ $city ->
    [none] .
   *[other] , à { $city }.
}
email-invitation-link = Créez votre compte avec ce lien (valable 14 jours) :
email-invitation-button = Créer mon compte

nav-projects = Projets
nav-dashboard = Mes projets

gallery-title = Les projets
gallery-lead = Les projets nés de La Nuit du Code Citoyen, suivis mois après mois.
gallery-count = { $count ->
    [0] Aucun projet ne correspond.
    [one] Un projet.
   *[other] { $count } projets.
}
gallery-empty = Essayez avec moins de filtres.
filter-text = Rechercher
filter-edition = Édition
filter-city = Ville
filter-theme = Thème
filter-stage = Étape
filter-licence = Licence
filter-sort = Trier par
filter-help = Seulement les projets qui cherchent de l'aide
filter-all = Tous
filter-submit = Filtrer
sort-activity = Activité récente
sort-name = Nom
pagination = Pages
pagination-previous = Précédente
pagination-next = Suivante
pagination-position = Page { $page } sur { $pages }

project-new = Nouveau projet
project-edit = Modifier le projet
project-save = Enregistrer le projet
project-title = Titre
project-slug = Adresse courte
project-slug-hint = Minuscules, chiffres et tirets ; laissez vide pour la déduire du titre.
project-pitch = Accroche
project-pitch-hint = Une phrase, 200 caractères au plus.
project-description = Description
markdown-hint = Markdown accepté : **gras**, *italique*, [liens](https://…), listes.
project-themes = Thèmes
project-technical-challenge = Défi technique
project-licence = Licence libre
project-edition = Édition
project-city = Ville
project-repository = Dépôt du code
project-demo = Démo
project-explainer = Vidéos « la technologie expliquée à ma grand-mère »
project-transcript = Transcription en langage simple
project-looking-for-help = Cherche de l'aide
project-help-wanted = Quelle aide ?
project-public = Projet public (visible par tous)
project-about = Le projet
project-progress = Avancement
project-no-milestones = Pas encore de jalons.
project-archived = Ce projet est archivé.
project-private = Ce projet n'est visible que par son équipe, les mentors et la coordination.
project-quiet = Projet silencieux : aucune nouvelle publique depuis 30 jours.
project-stage = Étape
project-stage-change = Passer à l'étape
project-stage-submit = Changer d'étape
project-milestones = Jalons
project-journal = Journal de bord
project-presentations = Présenté lors des rencontres
project-team = Équipe
project-archive = Archiver le projet
project-restore = Restaurer le projet

stage-idea = Idée
stage-prototype = Prototype
stage-demo = Démo
stage-pilot = Pilote
stage-launched = Lancé
stage-paused = En pause
stage-abandoned = Abandonné
stage-next-ready = Prêt pour l'étape « { $stage } ».
stage-next-missing = Pour passer à l'étape « { $stage } », il manque :
requirement-demo_link = un lien de démo
requirement-repository = un dépôt de code ou un site
requirement-open_licence = une licence libre
requirement-explainer = une vidéo explicative avec sa transcription

theme-social = Social
theme-environmental = Environnement
theme-democratic = Démocratie
theme-educational = Éducation

milestone-add = Ajouter un jalon
milestone-edit = Modifier le jalon
milestone-save = Enregistrer le jalon
milestone-delete = Supprimer le jalon
milestone-title = Titre du jalon
milestone-description = Description
milestone-due-on = Échéance
milestone-status = État
milestone-weight = Poids
milestone-weight-hint = De 1 à 100 ; 1 par défaut. Compte dans l'avancement.
milestone-position = Ordre
milestone-due = échéance
milestone-done-on = fait le
milestone-late = En retard
milestone-weight-value = poids { $weight }
milestone-status-planned = Prévu
milestone-status-in_progress = En cours
milestone-status-done = Fait
milestone-status-dropped = Abandonné

entry-body = Nouvelle entrée du journal
entry-body-hint = Markdown accepté. Vous pourrez la corriger pendant 24 heures.
entry-milestone = Jalon concerné
entry-no-milestone = Aucun
entry-completes = Ce jalon est terminé
entry-public = Publique (sinon, visible par l'équipe seulement)
entry-submit = Publier
entry-edit = Corriger l'entrée
entry-save = Enregistrer
entry-about = à propos de
entry-team-only = Équipe seulement
entry-edited = corrigée
journal-empty = Le journal est encore vide.
feed-link = Flux Atom

chart-title = Jalons terminés au fil du temps
chart-description = Nombre cumulé de jalons terminés pour { $title }.
chart-empty = Aucun jalon terminé pour l'instant.
chart-date = Date
chart-done = Jalons terminés

team-owner = responsable
team-make-owner = nommer responsable
team-remove = retirer
team-leave = Quitter l'équipe
team-invite-email = Inviter par e-mail
team-invite-submit = Envoyer l'invitation
team-invitation-title = Rejoindre une équipe
team-invitation-body = Vous êtes invité·e à rejoindre l'équipe du projet « { $project } ».
team-invitation-accept = Rejoindre l'équipe
team-invitation-log-in = Connectez-vous (ou créez un compte) pour accepter l'invitation.

dashboard-title = Mes projets
dashboard-no-projects = Vous ne faites encore partie d'aucune équipe.
dashboard-late = En retard ({ $count })
dashboard-due-soon = À rendre dans les 14 prochains jours
dashboard-nothing-due = Rien d'urgent.

rollup-title = Avancement par ville
rollup-city = Ville
rollup-projects = Projets
rollup-progress = Avancement moyen
rollup-behind = En retard
rollup-total = Ensemble
rollup-quiet = Silencieux

error-too-long = Ce texte est trop long.
error-theme-invalid = Thème inconnu.
error-theme-required = Choisissez au moins un thème.
error-licence-unknown = Licence inconnue : choisissez une licence libre de la liste.
error-url-invalid = Donnez une adresse complète commençant par http:// ou https://.
error-transcript-required = Ajoutez la transcription de la vidéo.
error-edition-invalid = Édition inconnue.
error-city-not-in-edition = Cette ville ne participe pas à cette édition.
error-stage-invalid = Étape inconnue.
error-stage-requirements = Le projet ne remplit pas encore les conditions de cette étape.
error-due-before-marathon = L'échéance ne peut pas précéder le marathon.
error-weight-invalid = Le poids est un nombre entier de 1 à 100.
error-number-invalid = Donnez un nombre entier.
error-milestone-invalid = Ce jalon n'appartient pas à ce projet.
error-milestone-required = Choisissez le jalon terminé.
error-edit-window-over = Une entrée ne se corrige que pendant 24 heures.
error-already-in-team = Cette personne fait déjà partie de l'équipe.
error-last-owner = Le projet doit garder au moins un responsable : nommez-en un autre d'abord.
error-not-in-team = Cette personne ne fait pas partie de l'équipe.

email-team-invitation-subject = Invitation à rejoindre « { $project } »
email-team-invitation-body = { $inviter } vous invite à rejoindre l'équipe du projet « { $project } » sur Relais.
email-team-invitation-link = Acceptez l'invitation avec ce lien (valable 7 jours, utilisable une seule fois) :
email-team-invitation-button = Rejoindre l'équipe

flash-project-created = Projet créé. Ajoutez ses jalons et son équipe.
flash-project-saved = Projet enregistré.
flash-stage-changed = Étape changée.
flash-project-archived = Projet archivé.
flash-project-restored = Projet restauré.
flash-milestone-saved = Jalon enregistré.
flash-milestone-deleted = Jalon supprimé.
flash-entry-posted = Entrée publiée.
flash-entry-saved = Entrée corrigée.
flash-team-left = Vous avez quitté l'équipe.
flash-team-changed = Équipe mise à jour.
flash-team-joined = Bienvenue dans l'équipe !
flash-checklists-saved = Conditions des étapes enregistrées.

admin-checklists-title = Conditions des étapes
admin-checklists-lead = Ce qu'un projet de l'édition doit avoir pour atteindre chaque étape.
admin-checklists-edit = Régler les conditions des étapes
admin-checklists-submit = Enregistrer les conditions

nav-mentor = Mentorat
nav-reviews = Retours des mentors

reviews-title = Retours des mentors
reviews-private = Ces retours ne sont visibles que par l'équipe, ses mentors et la coordination.
reviews-mentors = Mentors
reviews-no-mentor = Aucun mentor
review-new = Écrire un retour
review-edit = Modifier le retour
review-save = Enregistrer le retour
review-lead = Notez de 1 à 5 chaque critère ; les commentaires sont facultatifs. Vous pourrez modifier ce retour pendant 48 heures.
review-heading = Retour de { $mentor }, le { $date }
review-criterion = Critère
review-score = Note
review-comment = Commentaire
review-impact = Impact
review-progress = Avancement par rapport aux jalons
review-openness = Ouverture (licence, documentation, code réutilisable)
review-team-health = Santé de l'équipe
review-strengths = Points forts
review-recommendations = Recommandations
review-next-steps = Prochaines étapes convenues
review-next-steps-hint = Une étape par ligne ; l'équipe pourra en faire des jalons d'un clic.
review-step-to-milestone = en faire un jalon
review-step-milestone = jalon créé
review-acknowledge = Bien reçu
review-acknowledged = Lu par l'équipe le { $date }.
review-response = Réponse de l'équipe
review-response-field = Répondre au retour
review-respond = Envoyer la réponse
review-none = Pas encore de retour.
review-last = Dernier retour
review-due-not_due = à jour
review-due-due = retour attendu
review-due-overdue = retour en retard
review-trend-label = Évolution de la note moyenne : { $scores }
requests-open = Demandes en attente
request-question = Demander un retour à vos mentors
request-question-hint = Votre question, pour orienter le retour.
request-submit = Envoyer la demande

mentor-title = Mon mentorat
mentor-no-projects = Aucun projet ne vous est confié pour l'instant.
mentor-profile = Mon profil de mentor
mentor-expertise = Domaines d'expertise
mentor-capacity = Nombre de projets que je peux suivre
mentor-capacity-hint = De 0 à 30.
mentor-remote = Disponible à distance, au-delà de ma ville
mentor-profile-save = Enregistrer le profil
expertise-design = Design
expertise-data = Données
expertise-law = Droit
expertise-funding = Financement
expertise-public_procurement = Marchés publics
expertise-open_source_governance = Gouvernance open source
expertise-communication = Communication
expertise-accessibility = Accessibilité
expertise-security = Sécurité

coverage-title = Suivi par les mentors
coverage-summary = { $projects } projets, dont { $without } sans mentor.
coverage-project = Projet
coverage-due = Retour
coverage-trend = Notes
assign-title = Confier un projet à un mentor
assign-mentor = Mentor (projets suivis / capacité)
assign-submit = Confier
assignments-title = Mentors en fonction
assignment-end = mettre fin
admin-mentoring = Suivi par les mentors

flash-review-saved = Retour enregistré.
flash-review-acknowledged = Retour marqué comme lu.
flash-review-answered = Réponse envoyée.
flash-review-requested = Demande envoyée à vos mentors.
flash-step-milestone = Jalon créé à partir de l'étape ; ajustez son échéance si besoin.
flash-mentor-profile-saved = Profil de mentor enregistré.
flash-mentor-assigned = Mentor désigné.
flash-assignment-ended = Mentorat terminé ; ses retours sont conservés.

error-score-invalid = La note va de 1 à 5.
error-steps-invalid = Dix étapes au plus, de 120 caractères au plus chacune.
error-review-locked = Un retour ne se modifie que pendant 48 heures.
error-no-mentor = Ce projet n'a pas encore de mentor : demandez-en un à la coordination.
error-capacity-invalid = Donnez un nombre de 0 à 30.
error-not-a-mentor = Cette personne n'est pas mentor.
error-mentor-in-team = Un membre de l'équipe ne peut pas être mentor du projet.
error-mentor-full = Ce mentor suit déjà autant de projets qu'il le peut.
error-already-assigned = Ce mentor suit déjà ce projet.

nav-meetups = Rencontres

meetups-title = Rencontres mensuelles
meetups-lead = Chaque mois, dans chaque ville, développeurs, designers, institutions et entrepreneurs se retrouvent.
meetups-empty = Aucune rencontre à venir.
meetup-counts = Inscrits : { $yes } / { $capacity } · liste d'attente : { $waitlist }
meetup-cancelled = Annulée
meetup-place = Lieu
meetup-online = En ligne
meetup-ics = Ajouter à mon agenda (.ics)
meetup-minutes = Compte rendu
meetup-minutes-save = Enregistrer le compte rendu
meetup-manage = Organisation
meetup-move = Déplacer
meetup-move-date = Date
meetup-move-time = Heure
meetup-cancel = Annuler la rencontre

rsvp-title = Venez-vous ?
rsvp-yes = Oui
rsvp-maybe = Peut-être
rsvp-no = Non
rsvp-yours = Votre réponse : { $answer }.
rsvp-waitlisted = en liste d'attente
rsvp-log-in = Connectez-vous pour répondre
rsvp-list = Réponses
rsvp-name = Nom
rsvp-answer = Réponse
rsvp-attended = Présence
rsvp-came = présent·e
rsvp-absent = absent·e
rsvp-mark-came = présent·e
rsvp-mark-absent = absent·e

agenda-title = Ordre du jour
agenda-empty = L'ordre du jour n'est pas encore fixé.
agenda-kind = Type
agenda-kind-project = présentation de projet
agenda-kind-talk = intervention
agenda-kind-free = temps libre
agenda-project = Projet
agenda-item-title = Intitulé (pour une intervention ou un temps libre)
agenda-add = Ajouter à l'ordre du jour
agenda-proposed = proposé
agenda-accept = accepter
agenda-remove = retirer
agenda-ask-project = Présenter mon projet
agenda-ask = Demander à présenter

ordinal-first = Premier
ordinal-second = Deuxième
ordinal-third = Troisième
ordinal-fourth = Quatrième
ordinal-last = Dernier
weekday-mon = lundi
weekday-tue = mardi
weekday-wed = mercredi
weekday-thu = jeudi
weekday-fri = vendredi
weekday-sat = samedi
weekday-sun = dimanche

series-admin-title = Séries de rencontres
series-none = Aucune série pour l'instant.
series-new = Nouvelle série mensuelle
series-create = Créer la série
series-title = Titre
series-description = Description
series-ordinal = Chaque mois, le
series-weekday = Jour
series-start-time = Heure de début (heure locale de la ville)
series-duration = Durée en minutes
series-duration-hint = 24 heures au plus.
series-place = Adresse
series-online = Lien en ligne
series-audiences = Publics invités
series-capacity = Nombre de places
series-upcoming = Prochaines dates
series-exception = exception
series-decide = ne suit plus la règle et a des réponses :
series-keep = garder
series-add-single = Ajouter une date hors règle
series-add-single-submit = Ajouter
series-edit = Modifier la série
series-save = Enregistrer la série
admin-meetups = Séries de rencontres

flash-rsvp-confirmed = C'est noté : une place vous est réservée.
flash-rsvp-waitlisted = La rencontre est complète : vous êtes en liste d'attente.
flash-rsvp-recorded = Réponse enregistrée.
flash-attendance-saved = Présence enregistrée.
flash-minutes-saved = Compte rendu enregistré.
flash-meetup-cancelled = Rencontre annulée.
flash-meetup-kept = Date conservée.
flash-meetup-moved = Rencontre déplacée.
flash-meetup-added = Date ajoutée.
flash-agenda-saved = Ordre du jour mis à jour.
flash-agenda-asked = Demande de présentation envoyée à la coordination.
flash-series-created = Série créée ; les dates des trois prochains mois sont prêtes.
flash-series-saved = Série enregistrée.

error-capacity-positive = Le nombre de places est un entier positif.
error-duration-invalid = La durée va de 1 minute à 24 heures.
error-meetup-cancelled = Cette rencontre est annulée.
error-meetup-past = Cette rencontre est passée.
error-meetup-not-started = La présence se note une fois la rencontre commencée.
error-ordinal-fifth = Un « cinquième » jour n'existe pas tous les mois : choisissez « dernier ».
error-place-required = Donnez une adresse ou un lien en ligne.
error-project-not-in-city = Ce projet n'est pas de cette ville.
error-time-invalid = Heure invalide : choisissez-la ou écrivez-la ainsi : 18 h 30.

calendar-title = Mon agenda
calendar-lead = Une adresse secrète à ajouter à votre application d'agenda : vos rencontres (oui ou peut-être) et les échéances de vos projets.
calendar-enable = Créer mon adresse d'agenda
calendar-renew = Changer d'adresse (l'ancienne cesse de marcher)
calendar-revoke = Désactiver
flash-calendar-revoked = Adresse d'agenda désactivée.

polls-title = Sondages de dates
poll-new = Nouveau sondage
poll-create = Créer et inviter
poll-slots = Créneaux proposés
poll-slots-hint = De 2 à 10 créneaux, à l'heure de la ville. Choisissez le jour et l'heure ; sans calendrier, écrivez le jour en chiffres (jour/mois/année) et l'heure comme 18 h 30. Les lignes vides sont ignorées.
poll-closes-on = Dernier jour pour répondre
poll-closes = clôture
poll-yes = Oui
poll-if_need_be = Si besoin
poll-no = Non
poll-submit = Enregistrer mes réponses
poll-who = Qui peut venir ?
poll-total = Total
poll-score = { $yes } oui, { $maybe } si besoin
poll-silent = Sans réponse : { $count }
poll-closed = Ce sondage est clos.
poll-decided = La date est choisie.
poll-see-meetup = Voir la rencontre
poll-choose = Choisir le créneau
poll-convert = En faire la rencontre
flash-poll-created = Sondage créé ; les invitations partent par e-mail.
flash-poll-answered = Réponses enregistrées.
flash-poll-converted = Rencontre créée ; les invitations partent par e-mail.
error-slots-invalid = Un créneau n'a pas un jour et une heure valides (le jour en chiffres jour/mois/année, l'heure comme 18 h 30).
error-slots-past = Un créneau est déjà passé.
error-slots-count = Proposez de 2 à 10 créneaux.
error-poll-closes = La clôture doit venir après aujourd'hui et avant le premier créneau.
error-poll-closed = Ce sondage ne prend plus de réponses.
email-poll-subject = Quand pouvez-vous venir ? { $title }
email-poll-body = La coordination de { $city } cherche une date pour « { $title } ». Indiquez vos disponibilités, sans avoir à vous connecter :
email-poll-closes = Réponses jusqu'au { $date }.
email-poll-button = Donner mes disponibilités
email-meetup-subject = Invitation : { $title }, le { $when }
email-meetup-body = Vous êtes invité·e à « { $title } », le { $when }, { $place }. Dites-nous si vous venez :
email-meetup-button = Répondre à l'invitation

email-poll-reminder-subject = Dernier rappel : { $title }
email-poll-reminder-body = Vous n'avez pas encore donné vos disponibilités pour « { $title } ». Le sondage se clôt le { $date } :

# Label punctuation: French puts a no-break space before the colon.
colon = { "\u00A0:" }{ " " }

emails-title = Mes e-mails
emails-categories = Je souhaite recevoir
emails-category-meetups = les invitations et rappels des rencontres
emails-category-polls = les sondages de dates
emails-category-projects = les rappels sur mes projets
emails-category-reviews = les rappels de mentorat
emails-category-digest = le résumé des nouvelles
emails-category-announcements = les annonces de la coordination
emails-account-always = Les e-mails liés à votre compte (mot de passe, invitations) sont toujours envoyés.
emails-save = Enregistrer mes choix
flash-emails-saved = Vos choix d'e-mails sont enregistrés.
unsubscribe-title = Se désabonner
unsubscribe-confirm = Ne plus recevoir ces e-mails
unsubscribe-done = C'est fait : vous ne recevrez plus ces e-mails. Vous pouvez changer d'avis depuis votre profil.

email-reminder-7d-subject = Dans une semaine : { $title }
email-reminder-1d-subject = Demain : { $title }
email-reminder-body = Rappel : « { $title } » a lieu le { $when }, { $place }. Si vous ne pouvez plus venir, dites-le pour libérer votre place :
email-nudge-subject = Venez-vous ? { $title }, le { $when }
email-nudge-body = Vous n'avez pas encore répondu pour « { $title } » le { $when }. Une réponse aide à préparer la salle :
email-moved-subject = Changement : { $title }, désormais le { $when }
email-moved-body = « { $title } » a changé : la rencontre a lieu le { $when }.
email-cancelled-subject = Annulée : { $title }
email-cancelled-body = « { $title } », prévue le { $when }, est annulée.
email-meetup-see = Voir la rencontre
email-milestone-due-subject = Bientôt : « { $milestone } » ({ $project })
email-milestone-due-body = Le jalon « { $milestone } » du projet { $project } arrive à échéance le { $date }.
email-milestone-overdue-subject = En retard : « { $milestone } » ({ $project })
email-milestone-overdue-body = Le jalon « { $milestone } » du projet { $project } devait être fait le { $date }. Mettez-le à jour, ou déplacez son échéance :
email-milestone-button = Ouvrir le projet

outbox-title = E-mails envoyés
outbox-counts = En attente : { $pending } · en cours : { $sending } · envoyés : { $sent } · en échec : { $failed }
outbox-no-trouble = Aucun e-mail en difficulté.
outbox-recipient = Destinataire
outbox-kind = Type
outbox-state = État (essais)
outbox-error = Réponse du serveur
outbox-retry = réessayer
flash-email-retried = L'e-mail repart.

email-review-due-subject = Un retour est attendu : { $project }
email-review-due-body = Il est temps d'écrire un retour au projet { $project } que vous suivez.
email-review-overdue-subject = Retour en retard : { $project }
email-review-overdue-body = Le retour au projet { $project } est en retard de deux semaines. L'équipe compte sur vous.
email-review-question = La question de l'équipe : « { $question } »
email-quiet-subject = Des nouvelles de { $project } ?
email-quiet-body = Le projet { $project } n'a rien publié depuis 30 jours. Même un petit point d'étape aide les mentors, les partenaires et la communauté à vous suivre.

email-digest-subject = Les nouvelles de Relais ({ $period })
digest-new_project = Nouveau projet : { $project } — { $text }
digest-stage = { $project } passe à l'étape « { $text } »
digest-milestone = { $project } a atteint son jalon « { $text } »
digest-update = { $project } : { $text }
digest-next-meetup = Prochaine rencontre : { $title }, le { $when }.
emails-digest = Résumé des nouvelles
digest-frequency-none = jamais
digest-frequency-daily = chaque jour
digest-frequency-weekly = chaque semaine (le lundi)
digest-frequency-monthly = chaque mois (le 1er)

email-announcement-from-city = Un message de la coordination de { $city }.
email-announcement-from-programme = Un message de la coordination du programme.
announcements-title = Annonces
announcement-new = Écrire une annonce
announcement-scope = Destinataires
announcement-subject = Objet
announcement-body = Message
announcement-send = Envoyer
announcement-sent-to = { $count ->
    [one] envoyée à une personne
   *[other] envoyée à { $count } personnes
}
flash-announcement-sent = Annonce envoyée.

email-check-in-subject = Point mensuel { $month } : { $project }
email-check-in-body = Où en est { $project } ? Quatre questions, deux minutes, sans vous connecter :
email-check-in-button = Faire le point
check-in-title = Point mensuel
check-in-heading = Point mensuel de { $project } ({ $month })
check-in-lead = Vos réponses deviennent une entrée du journal, visible par l'équipe ; vos besoins s'affichent sur la page du projet.
check-in-progress = Qu'est-ce qui a avancé ce mois-ci ?
check-in-blockers = Qu'est-ce qui bloque ?
check-in-needs = De quoi avez-vous besoin ?
check-in-needs-hint = Visible par tous sur la page du projet, pour trouver de l'aide.
check-in-next-step = Quelle est la prochaine étape ?
check-in-submit = Envoyer
check-in-thanks = Merci ! Votre point est dans le journal du projet.
error-check-in-answered = Ce point mensuel a déjà reçu une réponse.
rollup-missed-check-ins = Points mensuels manqués

## Dates and times (templates/src/dates.rs)
date-weekday-1 = lundi
date-weekday-2 = mardi
date-weekday-3 = mercredi
date-weekday-4 = jeudi
date-weekday-5 = vendredi
date-weekday-6 = samedi
date-weekday-7 = dimanche
date-month-1 = janvier
date-month-2 = février
date-month-3 = mars
date-month-4 = avril
date-month-5 = mai
date-month-6 = juin
date-month-7 = juillet
date-month-8 = août
date-month-9 = septembre
date-month-10 = octobre
date-month-11 = novembre
date-month-12 = décembre
date-month-short-1 = janv.
date-month-short-2 = févr.
date-month-short-3 = mars
date-month-short-4 = avr.
date-month-short-5 = mai
date-month-short-6 = juin
date-month-short-7 = juil.
date-month-short-8 = août
date-month-short-9 = sept.
date-month-short-10 = oct.
date-month-short-11 = nov.
date-month-short-12 = déc.
date-at-time = { $date } à { $time }
date-zone-of = heure { $sound ->
    [vowel] d'{ $place }
   *[consonant] de { $place }
}
date-relative-now = à l'instant
date-relative-minutes-future = dans { $count } { $count ->
    [one] minute
   *[other] minutes
}
date-relative-minutes-past = il y a { $count } { $count ->
    [one] minute
   *[other] minutes
}
date-relative-hours-future = dans { $count } { $count ->
    [one] heure
   *[other] heures
}
date-relative-hours-past = il y a { $count } { $count ->
    [one] heure
   *[other] heures
}
date-relative-days-future = dans { $count } { $count ->
    [one] jour
   *[other] jours
}
date-relative-days-past = il y a { $count } { $count ->
    [one] jour
   *[other] jours
}
date-relative-weeks-future = dans { $count } { $count ->
    [one] semaine
   *[other] semaines
}
date-relative-weeks-past = il y a { $count } { $count ->
    [one] semaine
   *[other] semaines
}
date-relative-months-future = dans { $count } mois
date-relative-months-past = il y a { $count } mois
date-relative-years-future = dans { $count } { $count ->
    [one] an
   *[other] ans
}
date-relative-years-past = il y a { $count } { $count ->
    [one] an
   *[other] ans
}

# Explainer videos and the plain-language check (issue 16)
nav-videos = Vidéos
library-title = Vidéos : la technologie expliquée à ma grand-mère
library-lead = De courtes vidéos où chaque équipe explique son projet simplement, avec la transcription à lire et des sous-titres.
library-feed = Suivre les nouvelles vidéos (flux Atom)
library-count = { $count ->
    [one] { $count } vidéo
   *[other] { $count } vidéos
}
library-empty = Aucune vidéo ne correspond à ces filtres.
explainer-length-value = { $minutes } min { $seconds } s
explainer-watch-on = Voir la vidéo sur { $host }
explainer-play = Lire la vidéo (hébergée par { $host })
explainer-captioned = Sous-titres
explainer-reviewed = Relue par la coordination
explainer-no-video = Vidéo à venir : la transcription est déjà là.
explainer-frame-title = Vidéo : { $title }
explainer-open-on = Ouvrir la vidéo sur { $host }
explainer-host-captions = Sous-titres fournis par l'hébergeur
explainer-host-captions-later = L'hébergeur fournit aussi des sous-titres : le lien s'affiche avec la vidéo.
explainer-consent = Rien n'est chargé depuis { $host } avant que vous demandiez la vidéo.
explainer-download-video = Télécharger la vidéo
explainer-captions-download = Télécharger les sous-titres (WebVTT)
explainer-project = Projet
explainer-transcript-download = Télécharger la transcription (texte)
explainer-edit = Modifier la vidéo explicative
explainer-edit-named = Modifier « { $title } »
explainer-review = Marquer comme relue
explainer-unreview = retirer la relecture
explainer-new = Ajouter une vidéo explicative
explainer-none-yet = Pas encore de vidéo explicative.
explainer-form-lead = Une vidéo courte qui explique le projet à quelqu'un qui n'y connaît rien. La transcription est obligatoire : elle sert à celles et ceux qui ne peuvent pas regarder la vidéo. Vous pouvez l'écrire et la vérifier avant de filmer.
explainer-title = Titre
explainer-video-url = Lien de la vidéo
explainer-video-url-hint = PeerTube, YouTube, Vimeo, ou un fichier .mp4 ou .webm. Laissez vide si la vidéo n'est pas encore en ligne.
explainer-language = Langue parlée
explainer-length = Durée
explainer-length-hint = En minutes et secondes, par exemple 3:45.
explainer-transcript-hint = Écrivez comme vous parlez : des phrases courtes, des mots de tous les jours.
explainer-captions-url = Lien des sous-titres chez l'hébergeur
explainer-captions-url-hint = Facultatif, si l'hébergeur de la vidéo en fournit.
explainer-save = Enregistrer
explainer-delete-title = Supprimer
explainer-delete = Supprimer cette vidéo explicative
explainer-captions-title = Sous-titres
explainer-captions-present = Des sous-titres sont en place.
explainer-captions-none = Pas encore de sous-titres : ajoutez un fichier WebVTT pour les personnes sourdes ou malentendantes.
explainer-captions-file = Fichier de sous-titres (WebVTT, .vtt)
explainer-captions-hint = { $max } Kio au plus. Les répliques se suivent sans se chevaucher.
explainer-captions-upload = Envoyer les sous-titres
explainer-captions-remove = retirer les sous-titres
vtt-missing = Choisissez un fichier de sous-titres.
vtt-at-line = Ligne { $line } : { $problem }
vtt-too-large = Le fichier dépasse { $max } Kio.
vtt-not-text = ce n'est pas du texte UTF-8.
vtt-header = le fichier doit commencer par « WEBVTT ».
vtt-blank-after-header = une ligne vide doit suivre l'en-tête.
vtt-timing = horaires attendus sous la forme 00:00:01.000 --> 00:00:04.000.
vtt-end-before-start = cette réplique finit avant de commencer.
vtt-out-of-order = cette réplique commence avant la précédente : les horaires doivent croître.
vtt-overlap = cette réplique commence avant la fin de la précédente.
vtt-arrow-in-text = le texte d'une réplique ne peut pas contenir « --> ».
vtt-no-cues = le fichier ne contient aucune réplique.
readability-title = Lisibilité
readability-score = Score de lisibilité
readability-score-title = Score de lisibilité : { $score } sur 100
readability-level-very-easy = Très facile à lire
readability-level-easy = Facile à lire
readability-level-fairly-difficult = Assez difficile à lire
readability-level-difficult = Difficile à lire
readability-too-short = Trop court pour être mesuré
readability-too-short-detail = Ce texte est trop court pour être mesuré : il faut au moins { $min } mots.
readability-target = Objectif : facile à lire, { $target } et plus.
readability-formula-fr = (formule de Kandel et Moles, pour le français)
readability-formula-en = (formule de Flesch, pour l'anglais)
readability-words = { $count ->
    [one] { $count } mot
   *[other] { $count } mots
}
readability-sentences = { $count ->
    [one] { $count } phrase
   *[other] { $count } phrases
}
readability-long-title = { $count ->
    [one] Une phrase longue
   *[other] { $count } phrases longues
}
readability-long-hint = Surlignées ci-dessous : plus de { $max } mots. Coupez-les en deux.
readability-long-words = { $count } mots
readability-jargon-title = Mots techniques
readability-jargon-explain = expliquez-le, par exemple
readability-advice-only = Ce score vous conseille ; il n'empêche jamais d'enregistrer.
readability-check = Vérifier la lisibilité
readability-check-summary = Vérifier la lisibilité du résumé
jargon-api = un moyen pour deux logiciels d'échanger des informations
jargon-open-data = des informations publiques que chacun peut réutiliser librement
jargon-blockchain = un registre partagé que personne ne peut modifier seul
jargon-algorithm = une suite d'instructions que suit l'ordinateur
jargon-open-source = un logiciel dont la recette est publique et que chacun peut améliorer
jargon-ai = un programme qui apprend à partir de nombreux exemples
jargon-cloud = des ordinateurs loués sur Internet
jargon-big-data = de très grandes quantités d'informations
jargon-database = un grand fichier bien rangé où l'on garde les informations
jargon-server = un ordinateur toujours allumé qui rend un service
jargon-backend = la partie cachée (ou la partie visible) du logiciel
jargon-geolocation = trouver où l'on est sur une carte
jargon-encryption = rendre un message illisible pour les autres
jargon-gdpr = la loi européenne qui protège les informations personnelles
jargon-hackathon = un marathon où des équipes inventent des outils ensemble
jargon-scraping = recopier automatiquement des pages web
jargon-ux = la façon dont les gens vivent l'utilisation de l'outil
explainer-coverage-title = Vidéos explicatives
explainer-coverage-without = Projets sans vidéo explicative : { $count }
explainer-coverage-without-none = Chaque projet a sa vidéo explicative.
explainer-coverage-to-review = À relire : { $count }
explainer-coverage-to-review-none = Rien à relire.
explainer-coverage-reviewed = Relues récemment
explainer-coverage-reviewed-none = Aucune vidéo relue pour l'instant.
flash-explainer-saved = Vidéo explicative enregistrée.
flash-explainer-deleted = Vidéo explicative supprimée.
flash-explainer-reviewed = Vidéo marquée comme relue : elle peut paraître sur la page d'accueil.
flash-explainer-unreviewed = Relecture retirée.
flash-captions-saved = Sous-titres enregistrés.
flash-captions-removed = Sous-titres retirés.
home-featured-explainers = La technologie expliquée à ma grand-mère
home-all-explainers = Toutes les vidéos
error-transcript-too-long = La transcription dépasse 20 000 caractères.
error-length-invalid = Indiquez la durée en minutes et secondes, par exemple 3:45 (3 heures au plus).
## Mise en relation (relation, issue 12)
nav-needs = On cherche…
nav-relation = Mise en relation
emails-category-introductions = les demandes de mise en relation
digest-question = Question d'expertise pour { $project } : { $text }
filter-need = Cherche
help-kind-developer = développeur·se
help-kind-designer = designer
help-kind-institution = partenaire institutionnel
help-kind-funding = entrepreneuriat et financement
help-kind-legal = juriste
help-kind-data = spécialiste des données
help-kind-communication = communicant·e
help-kind-domain = expert·e du domaine
help-kind-other = autre aide
need-state-open = ouvert
need-state-in_discussion = en discussion
need-state-filled = pourvu
need-state-withdrawn = retiré
spoken-fr = français
spoken-en = anglais
spoken-ar = arabe
spoken-es = espagnol
spoken-de = allemand
spoken-it = italien
spoken-pt = portugais
spoken-wo = wolof
reason-remote = à distance
reason-theme-social = intéressé·e par le social
reason-theme-environmental = intéressé·e par l'environnement
reason-theme-democratic = intéressé·e par la démocratie
reason-theme-educational = intéressé·e par l'éducation
error-help-kind-invalid = Type d'aide inconnu.
error-help-kind-required = Choisissez au moins un type d'aide.
error-tag-invalid = Un mot-clé ne peut contenir que des lettres, des chiffres, des espaces et - + # . / '
error-tag-too-long = Un mot-clé fait au plus 32 caractères.
error-too-many-tags = Au plus 8 mots-clés.
error-language-required = Choisissez au moins une langue.
error-introductions-per-month = Indiquez un nombre entre 0 et 20.
error-introduction-own-project = Vous faites partie de cette équipe : pas besoin de mise en relation.
error-introduction-not-contactable = Cette personne ne souhaite pas être contactée pour le moment.
error-introduction-member-busy = Cette personne a reçu ce mois-ci toutes les demandes qu'elle accepte. Réessayez le mois prochain.
error-introduction-need-closed = Ce besoin est pourvu ou retiré : il n'accepte plus de demandes.
error-introduction-exists = Une demande existe déjà pour ce besoin.
error-introduction-declined = Cette demande a déjà été déclinée ; nous ne la renvoyons pas.
error-introduction-open-limit = Vous avez déjà 5 demandes en attente de réponse. Attendez une réponse avant d'en envoyer d'autres.
error-introduction-daily-limit = Vous avez envoyé 3 demandes dans les dernières 24 heures. Réessayez demain.
error-introduction-answered = Cette demande a déjà reçu une réponse.
error-introduction-expired = Cette demande a expiré : elle n'a pas reçu de réponse dans les 30 jours.
flash-need-saved = Besoin enregistré.
flash-need-state = État du besoin mis à jour.
flash-offer-saved = Votre proposition d'aide est enregistrée.
flash-introduction-sent = Demande envoyée. Vous recevrez un email dès qu'elle aura une réponse.
flash-introduction-accepted = Mise en relation acceptée : vous recevez chacun l'adresse de l'autre par email.
flash-introduction-declined = Demande déclinée. Merci d'avoir répondu.
flash-question-asked = Question publiée.
flash-answer-posted = Réponse publiée.
flash-answer-helpful = Réponse marquée comme utile.
needs-title = On cherche
needs-none = Ce projet n'a pas de besoin publié.
need-add = Publier un besoin
need-kind = Type d'aide
need-description = De quoi avez-vous besoin ?
need-description-hint = Quelques phrases, en texte simple (1 000 caractères au plus).
need-tags = Mots-clés
tags-hint = Séparés par des virgules, par exemple : accessibilité, python, rgpd (8 au plus).
tags-in-use = Mots-clés déjà utilisés
need-remote = à distance
need-remote-ok = Peut se faire à distance
need-languages = Langues de l'équipe
need-save = Enregistrer le besoin
need-edit = Modifier ce besoin
need-manage = Gérer ce besoin et voir les personnes suggérées
need-can-help = Je peux aider
need-see = Voir le besoin
need-page-title = { $kind } pour { $project }
need-help-lead = Présentez-vous en quelques mots : l'équipe reçoit votre message, pas votre adresse. Si elle accepte, vous recevez chacun l'adresse de l'autre.
need-help-submit = Proposer mon aide
need-help-log-in = Connectez-vous pour proposer votre aide.
need-state = État du besoin
need-state-submit = Changer l'état
need-state-hint = Un besoin pourvu ou retiré clôt les demandes en attente ; chaque personne concernée est prévenue.
introduction-message = Votre message
introduction-message-hint = Texte simple, 1 000 caractères au plus. Ne mettez pas votre adresse : elle sera transmise si la demande est acceptée.
introduction-yours-pending = Votre demande attend une réponse.
introduction-yours-accepted = Mise en relation acceptée : retrouvez l'adresse dans votre email ou sur la page Mise en relation.
introduction-yours-declined = L'équipe ne donne pas suite cette fois. Merci pour votre proposition !
introduction-yours-expired = Votre demande a expiré sans réponse.
introduction-yours-closed = Ce besoin a été pourvu ou retiré ; votre demande est close.
suggestions-members = Personnes qui pourraient aider
suggestions-members-lead = Des membres qui acceptent d'être contactés et dont la proposition correspond, avec la raison. Leur adresse n'est transmise que s'ils acceptent.
suggestions-needs = Besoins qui correspondent à votre proposition
suggestions-need-offer = Dites ce que vous pouvez apporter pour voir les besoins qui vous correspondent.
suggestions-none = Aucune suggestion pour le moment.
suggestion-ask = Demander à { $name }
suggestion-ask-submit = Envoyer la demande
open-needs-title = On cherche…
open-needs-lead = Les besoins ouverts des projets, ville par ville. Vous pouvez aider ? Proposez-le depuis la page du besoin.
open-needs-count = { $count ->
    [0] Aucun besoin ouvert
    [one] Un besoin ouvert
   *[other] { $count } besoins ouverts
}
open-needs-for-you = Voir les besoins qui correspondent à ce que je propose
open-needs-offer = Dites ce que vous pouvez apporter
helpers-title = Qui peut aider
helpers-lead = Des membres qui ont choisi de rendre publique leur proposition d'aide. Leur adresse n'est jamais affichée.
helpers-none = Personne n'a encore rendu sa proposition publique.
offer-title = Ce que je peux apporter
offer-lead = Rien de ceci n'est public, sauf si vous le choisissez. Votre adresse n'est jamais affichée : elle n'est transmise qu'après une mise en relation que vous avez acceptée.
offer-kinds = Types d'aide
offer-tags = Mes mots-clés
offer-description = En quelques mots
offer-description-hint = Ce que vous savez faire, ce qui vous intéresse (500 caractères au plus).
offer-themes = Thèmes qui m'intéressent
offer-languages = Langues parlées
offer-city = Ville où je peux aider en personne
offer-remote = J'aide aussi à distance
offer-per-month = Demandes acceptées par mois
offer-per-month-hint = Au-delà, plus aucune équipe ne peut vous solliciter jusqu'au mois suivant (0 à 20).
offer-contactable = Les équipes peuvent me proposer des mises en relation
offer-contactable-hint = Votre nom, vos types d'aide, mots-clés et ville apparaissent dans les suggestions des équipes.
offer-public = Afficher ma proposition dans la liste publique « Qui peut aider »
offer-public-hint = Sans votre adresse.
offer-save = Enregistrer
hub-title = Mise en relation
hub-make-offer = Dire ce que je peux apporter
hub-edit-offer = Modifier ma proposition d'aide
introductions-received = Demandes reçues
introductions-sent = Demandes envoyées
introductions-none = Aucune demande.
introduction-sent-member = Vous proposez votre aide à { $project } ({ $kind })
introduction-sent-team = Votre équipe demande l'aide de { $member } pour { $project } ({ $kind })
introduction-received-member = { $member } propose son aide à { $project } ({ $kind })
introduction-received-team = { $project } vous demande votre aide ({ $kind })
introduction-state-pending = en attente
introduction-state-accepted = acceptée
introduction-state-declined = déclinée
introduction-state-expired = expirée
introduction-state-closed = close
introduction-asked-by = demandée par { $name }
introduction-expires = expire
introduction-contact = Écrivez à { $name } :
introduction-accept = Accepter
introduction-decline = Décliner
introduction-answer-title = Une demande de mise en relation
introduction-answer-from-member = { $name } propose son aide à { $project } pour ce besoin : { $kind }.
introduction-answer-from-team = L'équipe de { $project } ({ $name }) vous demande votre aide pour ce besoin : { $kind }.
introduction-answer-explain = Si vous acceptez, vous recevez chacun l'adresse de l'autre par email. Si vous déclinez, l'autre personne est prévenue avec délicatesse et ne pourra plus vous solliciter pour ce besoin.
introduction-accepted-body = Vous recevez chacun l'adresse de l'autre par email. Bonne rencontre !
introduction-declined-body = Merci d'avoir répondu. L'autre personne est prévenue.
follow-up-title = Votre mise en relation a-t-elle abouti ?
follow-up-question = Il y a un mois, vous avez été mis·e en relation avec { $name } pour { $project }. Est-ce que cela a mené quelque part ?
follow-up-yes = Oui
follow-up-in_progress = C'est en cours
follow-up-no = Non
follow-up-answered = Votre réponse : { $answer }. Vous pouvez la changer.
follow-up-thanks = Merci ! Votre réponse aide le programme à savoir ce que les mises en relation apportent.
questions-title = Questions d'expertise
questions-none = Aucune question pour l'instant.
questions-best = Réponses qui ont aidé l'équipe
question-title = Question d'expertise
question-ask = Poser une question d'expertise
question-body = Votre question
question-body-hint = Par exemple : « Quelle licence pour nos données ? » (1 000 caractères au plus). Les membres dont la proposition correspond à ce besoin la verront dans leur résumé.
question-public = Réponses publiques (sinon, réservées à l'équipe)
question-submit = Publier la question
question-see = voir la question
question-answers = { $count ->
    [0] pas encore de réponse
    [one] une réponse
   *[other] { $count } réponses
}
question-answers-public = réponses publiques
question-answers-team = réponses réservées à l'équipe
answers-none = Pas encore de réponse.
answers-hidden = { $count ->
    [one] Une autre réponse est réservée à l'équipe.
   *[other] { $count } autres réponses sont réservées à l'équipe.
}
answer-body = Répondre
answer-reply = Répondre à cette réponse
answer-submit = Publier
answer-helpful = Réponse utile
answer-mark-helpful = Marquer comme utile
answer-log-in = Connectez-vous pour répondre
volumes-title = Mises en relation : les volumes
volumes-lead = Par ville : besoins ouverts, demandes et réponses au suivi. Les messages restent entre les personnes concernées.
volumes-open-needs = Besoins ouverts
volumes-asked = Demandes
email-intro-request-member-subject = { $name } propose son aide à { $project }
email-intro-request-member-body = { $name } propose son aide à { $project } pour votre besoin : { $kind }.
email-intro-request-team-subject = { $project } aimerait votre aide ({ $kind })
email-intro-request-team-body = L'équipe de { $project } ({ $name }) pense que vous pourriez l'aider pour ce besoin : { $kind }.
email-intro-need = Le besoin : { $description }
email-intro-message = Message de { $name } : « { $message } »
email-intro-request-privacy = Aucune adresse n'a été transmise. Si vous acceptez, vous recevrez chacun l'adresse de l'autre ; sinon, l'autre personne sera prévenue avec délicatesse. Sans réponse dans les 30 jours, la demande expire.
email-intro-request-button = Répondre à la demande
email-intro-accepted-subject = Mise en relation : { $name } ({ $project })
email-intro-accepted-member = L'équipe de { $project } et vous avez accepté la mise en relation pour ce besoin : { $kind }.
email-intro-accepted-team = { $name } et votre équipe avez accepté la mise en relation pour ce besoin : { $kind }.
email-intro-accepted-address = Pour écrire à { $name } : { $email }
email-intro-accepted-next = À vous de convenir de la suite. Dans un mois, nous vous demanderons si cela a mené quelque part.
email-intro-see-need = Voir le besoin
email-intro-declined-subject = Votre demande pour { $project }
email-intro-declined-member = L'équipe de { $project } ne donne pas suite cette fois à votre proposition ({ $kind }). Merci de l'avoir faite : d'autres projets cherchent peut-être ce que vous savez faire.
email-intro-declined-team = La personne que vous avez sollicitée pour { $project } ({ $kind }) ne peut pas donner suite cette fois. Merci d'avoir demandé : d'autres suggestions vous attendent.
email-intro-see-more = Voir la mise en relation
email-intro-expired-subject = Sans réponse : votre demande pour { $project }
email-intro-expired-body = Votre demande pour { $project } ({ $kind }) n'a pas reçu de réponse en 30 jours ; elle est close. Rien ne vous empêche d'en envoyer une autre.
email-intro-closed-subject = { $project } : le besoin « { $kind } » est clos
email-intro-closed-filled = Le besoin « { $kind } » de { $project } vient d'être pourvu ; votre demande est donc close. Merci de votre intérêt !
email-intro-closed-withdrawn = L'équipe de { $project } a retiré son besoin « { $kind } » ; votre demande est donc close. Merci de votre intérêt !
email-follow-up-subject = Votre mise en relation avec { $name } a-t-elle abouti ?
email-follow-up-body = Il y a un mois, vous avez été mis·e en relation avec { $name } pour { $project }. Un clic pour nous dire si cela a mené quelque part : oui, c'est en cours, ou non.
email-follow-up-button = Répondre en un clic

# -- ops (issue 10)
footer-source = Code source (AGPL-3.0)
source-title = Code source
source-licence = Relais est un logiciel libre sous licence GNU Affero General Public License, version 3 ou ultérieure : vous pouvez l'utiliser, l'étudier, le modifier et le redistribuer. Quiconque utilise ce site a droit au code source exact qu'il fait tourner.
source-version = Version en service :
source-get = Télécharger le code source de ce site
source-ask = L'équipe qui héberge ce site n'a pas encore indiqué où le code est publié : écrivez-lui pour l'obtenir, elle doit vous le fournir.
source-read-licence = Lire la licence AGPL-3.0

# -- actions
error-meetup-changed-meanwhile = La rencontre vient d'être modifiée par quelqu'un d'autre : rechargez la page et recommencez.
email-promoted-subject = Une place pour vous : { $title }, le { $when }
email-promoted-body = Une place s'est libérée pour « { $title } », le { $when }, { $place } : elle est à vous.
email-promoted-free-it = Si vous ne pouvez plus venir, dites-le sur la page de la rencontre : la place ira à la personne suivante.
email-review-posted-subject = Nouveau retour sur « { $project } »
email-review-posted-body = { $mentor }, qui suit « { $project } », vient de publier un retour : notes, points forts, recommandations et prochaines étapes.
email-review-posted-answer = Vous pouvez en accuser réception, y répondre et faire des prochaines étapes des jalons.
email-review-posted-button = Lire le retour
email-review-requested-subject = « { $project } » demande un retour
email-review-requested-body = { $name }, de l'équipe de « { $project } », vous demande un retour.
email-mentor-assigned-mentor-subject = Vous suivez désormais « { $project } »
email-mentor-assigned-mentor-body = Vous êtes désormais mentor de « { $project } ». Présentez-vous à l'équipe ; votre premier retour est attendu d'ici six semaines.
email-mentor-assigned-team-subject = { $mentor } devient mentor de « { $project } »
email-mentor-assigned-team-body = { $mentor } suit désormais « { $project } » : vous recevrez ses retours, et pouvez lui en demander un à tout moment depuis la page du projet.
email-mentor-ended-mentor-subject = Vous ne suivez plus « { $project } »
email-mentor-ended-mentor-body = Votre suivi de « { $project } » est terminé. Vos retours restent sur la page du projet. Merci !
email-mentor-ended-team-subject = { $mentor } ne suit plus « { $project } »
email-mentor-ended-team-body = { $mentor } ne suit plus « { $project } ». Ses retours restent sur la page du projet ; les coordinateurs peuvent vous proposer un autre mentor.
flash-invitation-renewed = Invitation prolongée de 7 jours. Le courriel envoyé il y a moins d'une heure reste valable : aucun nouveau courriel n'est parti.
error-invitation-racing = Une autre invitation à cette adresse vient de partir : rechargez la page.

# -- speed
rollup-all-quiet = les { $count } projets silencieux
rollup-more = et { $count } autres
quiet-title = Projets silencieux à { $city }
quiet-project = Projet
quiet-since = Dernière nouvelle publique

# -- content
email-digest-update-lead = Des nouvelles de { $project } :
email-review-question-lead = La question de l'équipe :
email-footer-why-meetups = Vous recevez cet e-mail car vous êtes membre de Relais dans une ville qui organise des rencontres.
email-footer-why-polls = Vous recevez cet e-mail car la coordination de votre ville vous consulte sur les dates de ses rencontres.
email-footer-why-projects = Vous recevez cet e-mail car vous faites partie de l'équipe d'un projet sur Relais.
email-footer-why-reviews = Vous recevez cet e-mail car vous êtes mentor d'un projet sur Relais.
email-footer-why-digest = Vous recevez cet e-mail car vous avez choisi de recevoir le résumé des nouvelles de Relais.
email-footer-why-announcements = Vous recevez cet e-mail car vous êtes membre de Relais, et la coordination écrit à ses membres.
email-footer-why-introductions = Vous recevez cet e-mail car vous participez aux mises en relation de Relais.
email-footer-unsubscribe = Ne plus recevoir { $category }
email-footer-preferences = Choisir les e-mails que je reçois
email-footer-link = { $label } : { $url }

# -- lead (limits)
error-daily-invitations = Vous avez envoyé 20 invitations aujourd'hui, la limite d'une journée. Réessayez demain, ou demandez à un coordinateur d'inviter ces personnes.
error-daily-announcements = Vous avez envoyé 5 annonces aujourd'hui, la limite d'une journée. Réessayez demain.
error-daily-polls = Vous avez ouvert 10 sondages aujourd'hui, la limite d'une journée. Réessayez demain.
calendar-new-address = Voici votre nouvelle adresse d'agenda. Copiez-la maintenant dans votre application d'agenda : pour votre sécurité, elle ne sera plus affichée. Vous pourrez toujours en créer une autre.
calendar-open-in-app = Ouvrir dans mon application d'agenda
calendar-is-on = Votre agenda personnel est activé. Son adresse n'est affichée qu'à sa création ; si vous l'avez perdue, créez-en une nouvelle.
error-date-out-of-range = Choisissez une date entre l'an 2000 et l'an 2100.

# -- french
form-errors-count = { $count ->
    [one] Il y a une erreur
   *[other] Il y a { $count } erreurs
}
error-required-name = Indiquez votre nom.
error-required-email = Indiquez votre adresse e-mail.
error-required-password = Indiquez un mot de passe.
error-required-title = Indiquez un titre.
error-required-due-on = Indiquez la date d'échéance.
error-required-body = Écrivez le texte de la nouvelle.
error-required-stage = Choisissez une étape.
error-required-impact = Donnez une note d'impact, de 1 à 5.
error-required-progress = Indiquez où en est le projet.
error-required-openness = Donnez une note d'ouverture, de 1 à 5.
error-required-team-health = Donnez une note à la santé de l'équipe, de 1 à 5.
error-score-invalid-impact = La note d'impact va de 1 à 5.
error-score-invalid-progress = La note d'avancement va de 1 à 5.
error-score-invalid-openness = La note d'ouverture va de 1 à 5.
error-score-invalid-team-health = La note de santé de l'équipe va de 1 à 5.
confirm-back = Revenir sans rien changer
confirm-cancel-meeting-title = Annuler « { $title } », { $date } ?
confirm-cancel-meeting-told = { $count ->
    [0] Personne n'a encore répondu oui ou peut-être : personne ne recevra de message.
    [one] Une personne inscrite (oui, peut-être ou liste d'attente) recevra un message qui annule la rencontre.
   *[other] { $count } personnes inscrites (oui, peut-être ou liste d'attente) recevront un message qui annule la rencontre.
}
confirm-cancel-meeting-record = La rencontre restera affichée comme annulée, avec ses réponses et son ordre du jour. On ne pourra pas la rétablir.
confirm-cancel-meeting-submit = Annuler la rencontre
confirm-remove-member-title = Retirer { $name } de l'équipe de « { $project } » ?
confirm-remove-member-what = { $name } ne pourra plus publier de nouvelles ni modifier le projet. Ses nouvelles déjà publiées restent. Aucun e-mail n'est envoyé.
confirm-remove-member-back = Pour revenir dans l'équipe, { $name } aura besoin d'une nouvelle invitation.
confirm-remove-member-submit = Retirer { $name } de l'équipe
meetup-cancel-ask = Annuler la rencontre…
confirm-announce-title = Envoyer l'annonce « { $subject } » ?
confirm-announce-to = { $count ->
    [0] Personne n'est visé par cette annonce : aucun message ne partira.
    [one] Une personne recevra ce message par e-mail, sauf si elle a choisi de ne pas recevoir d'annonces.
   *[other] { $count } personnes recevront ce message par e-mail, sauf celles qui ont choisi de ne pas recevoir d'annonces.
}
confirm-announce-final = Un e-mail envoyé ne peut pas être rappelé.
confirm-announce-submit = { $count ->
    [one] Envoyer à une personne
   *[other] Envoyer à { $count } personnes
}

# -- figures-dash
continuity-title = Continuité des projets
continuity-home-title = Des projets qui continuent après le marathon
continuity-chart-title = Projets actifs après le marathon — { $edition }
continuity-chart-description = Part des projets de { $edition } actifs 1, 3, 6 et 12 mois après le marathon, par ville.
continuity-after = Après le marathon
continuity-month = { $month } mois
continuity-all = Toutes les villes
continuity-to-come = à venir
continuity-so-far = , en cours
continuity-cell = { $active } / { $projects } ({ $percent })
continuity-reading-over = { $month } mois après le marathon, { $active } { $active ->
    [one] projet
   *[other] projets
} sur { $projects } { $active ->
    [one] était actif
   *[other] étaient actifs
}.
continuity-reading-running = Ce mois-ci, { $month } mois après le marathon, { $active } { $active ->
    [one] projet
   *[other] projets
} sur { $projects } { $active ->
    [one] est actif
   *[other] sont actifs
} pour l'instant.
continuity-reading-before = Les premiers chiffres viendront à partir du { $date }, au lendemain du marathon.
continuity-reading-empty = Aucun projet n'est encore inscrit à cette édition.
continuity-definition-title = Comment ce chiffre est compté
continuity-definition-active = Un projet est actif pendant un mois s'il y a publié une nouvelle publique dans son journal, terminé un jalon ou répondu au point mensuel.
continuity-definition-months = Le premier mois commence au lendemain du dernier jour du marathon et dure jusqu'au même jour du mois suivant (marathon fini le 10 mars : du 11 mars au 10 avril), dans le calendrier de chaque ville. Un mois terminé est figé ; le mois en cours compte ce qui s'est passé jusqu'ici.
continuity-definition-count = Tous les projets de l'édition comptent, quels que soient leur étape, leur visibilité ou leur archivage : un projet arrêté est un projet qui n'est plus actif.
edition-projects = Voir les projets de cette édition
gallery-edition-page = La continuité des projets de { $edition }
figures-title = Tableau de bord du programme
figures-whole-programme = Tout le programme
figures-all-my-cities = Toutes mes villes
figures-month = Mois
figures-stage = Étape
figures-projects = Projets
figures-reading-active = { $active } { $active ->
    [one] projet
   *[other] projets
} sur { $projects } { $active ->
    [one] actif
   *[other] actifs
} ce mois-ci.
figures-reading-no-project = Aucun projet en cours dans ce périmètre.
figures-activity = Activité mois par mois
figures-activity-chart = Activité des projets par mois
figures-activity-chart-description = Projets actifs, points mensuels envoyés et points mensuels répondus, mois par mois.
figures-active = Projets actifs
figures-check-ins-sent = Points mensuels envoyés
figures-check-ins-answered = Points mensuels répondus
figures-reading-check-ins = Ce mois-ci, { $answered } { $answered ->
    [one] point mensuel a reçu
   *[other] points mensuels ont reçu
} une réponse, pour { $sent } { $sent ->
    [one] envoyé
   *[other] envoyés
}.
figures-stages = Étapes des projets
figures-stages-chart = Projets en cours par étape
figures-stages-chart-description = Nombre de projets en cours à chaque étape aujourd'hui.
figures-reading-stages = L'étape la plus fréquente est « { $stage } » : { $count } projets sur { $projects }.
figures-stage-changes-chart = Changements d'étape par mois
figures-stage-changes-chart-description = Étapes franchies, et projets mis en pause ou arrêtés, mois par mois.
figures-stages-forward = Étapes franchies
figures-stages-back = Pauses et arrêts
figures-reading-stage-changes = En { $months } mois : { $forward } { $forward ->
    [one] étape franchie
   *[other] étapes franchies
}, { $back } { $back ->
    [one] projet mis en pause ou arrêté
   *[other] projets mis en pause ou arrêtés
}.
figures-milestones = Jalons
figures-milestones-chart = Jalons terminés par mois
figures-milestones-chart-description = Nombre de jalons terminés, mois par mois.
figures-milestones-done = Jalons terminés
figures-milestones-now-chart = Jalons en retard et à venir, par ville
figures-milestones-now-chart-description = Jalons dont l'échéance est passée et jalons à échéance dans les 30 prochains jours, par ville.
figures-milestones-late = En retard
figures-milestones-upcoming = À venir
figures-reading-milestones = { $late } { $late ->
    [one] jalon en retard
   *[other] jalons en retard
} et { $upcoming } à échéance dans les { $days } prochains jours ; { $done } { $done ->
    [one] terminé
   *[other] terminés
} ce mois-ci.
figures-quiet = Projets silencieux et points mensuels manqués
figures-quiet-chart = Projets silencieux par ville
figures-quiet-chart-description = Projets sans nouvelle publique depuis 30 jours, et projets qui n'ont pas répondu à leurs deux derniers points mensuels, par ville.
figures-quiet-projects = Silencieux depuis 30 jours
figures-skipped-check-ins = Deux points mensuels manqués
figures-quiet-list = Les projets silencieux de { $city }
figures-reading-quiet = { $quiet } { $quiet ->
    [one] projet
   *[other] projets
} sur { $projects } n'ont rien publié depuis 30 jours ; { $skipped } n'ont pas répondu à leurs deux derniers points mensuels.
figures-reviews = Revues des mentors
figures-reviews-chart = Suivi par les mentors, par ville
figures-reviews-chart-description = Projets en cours, projets suivis par un mentor et projets dont la revue est en retard, par ville.
figures-followed = Suivis par un mentor
figures-reviews-overdue = Revue en retard
figures-reviews-written-chart = Revues écrites par mois
figures-reviews-written-chart-description = Nombre de revues écrites par les mentors, mois par mois.
figures-reviews-written = Revues écrites
figures-reading-reviews = { $followed } { $followed ->
    [one] projet
   *[other] projets
} sur { $projects } { $followed ->
    [one] est suivi
   *[other] sont suivis
} par un mentor ; { $overdue } en retard de revue ; { $written } { $written ->
    [one] revue écrite
   *[other] revues écrites
} en { $months } mois.
figures-meetups = Participation aux rencontres
figures-meetups-chart = Rencontres par mois
figures-meetups-chart-description = Rencontres, places réservées (réponses oui hors liste d'attente) et personnes présentes, mois par mois.
figures-meetings = Rencontres
figures-answered-yes = Réponses oui
figures-attended = Présents
figures-reading-meetups = En { $months } mois : { $meetings } { $meetings ->
    [one] rencontre
   *[other] rencontres
}, { $yes } { $yes ->
    [one] réponse oui
   *[other] réponses oui
} et { $attended } { $attended ->
    [one] personne présente
   *[other] personnes présentes
}.
figures-needs = Besoins et mises en relation
figures-needs-chart = Besoins et mises en relation, par ville
figures-needs-chart-description = Besoins ouverts, mises en relation demandées et acceptées, par ville.
figures-open-needs = Besoins ouverts
figures-introductions = Mises en relation
figures-introductions-accepted = Acceptées
figures-outcomes-chart = Ce qu'ont donné les mises en relation
figures-outcomes-chart-description = Réponses à la question de suivi posée après une mise en relation acceptée.
figures-outcome = Réponse
figures-answers = Réponses
figures-outcome-yes = Ça a abouti
figures-outcome-in_progress = C'est en cours
figures-outcome-no = Ça n'a rien donné
figures-reading-needs = { $open } { $open ->
    [one] besoin ouvert
   *[other] besoins ouverts
} ; { $asked } { $asked ->
    [one] mise en relation demandée
   *[other] mises en relation demandées
}, dont { $accepted } { $accepted ->
    [one] acceptée
   *[other] acceptées
} ; { $helped } { $helped ->
    [one] réponse de suivi dit
   *[other] réponses de suivi disent
} que ça a abouti.
figures-emails = Envoi des e-mails
figures-emails-chart = E-mails par état d'envoi
figures-emails-chart-description = Nombre d'e-mails en attente, en cours d'envoi, envoyés et en échec.
figures-email-state = État
figures-email-pending = En attente
figures-email-sending = En cours
figures-email-sent = Envoyés
figures-email-failed = En échec
figures-reading-emails = { $failed } { $failed ->
    [one] e-mail en échec
   *[other] e-mails en échec
}, { $pending } en attente, { $sent } { $sent ->
    [one] envoyé
   *[other] envoyés
}.
report-title = Rapport trimestriel
report-quarter = { $number ->
    [1] 1er
   *[other] { $number }e
} trimestre { $year }
report-quarter-label = Trimestre
report-made = Établi le { $when }.
report-print-hint = Pour l'imprimer ou l'enregistrer en PDF, utilisez la commande Imprimer de votre navigateur : la page tient sur du A4, en noir et blanc.
report-figures = Les chiffres du trimestre
report-chart = Le trimestre mois par mois
report-chart-description = Projets actifs, points mensuels répondus, jalons terminés, étapes franchies et revues écrites, pour chaque mois du trimestre.
report-reading-month = En { $month }, { $active } { $active ->
    [one] projet
   *[other] projets
} sur { $projects } { $active ->
    [one] était actif
   *[other] étaient actifs
}.
report-reading-nothing = Ce trimestre n'a pas encore commencé.
report-highlights = Faits marquants
report-reached = { $count ->
    [0] Aucun jalon atteint par un projet public
    [one] Un jalon atteint
   *[other] { $count } jalons atteints
}
report-moved = { $count ->
    [0] Aucun projet public n'a changé d'étape
    [one] Un changement d'étape
   *[other] { $count } changements d'étape
}
report-and-more = … et { $count } de plus.
report-upcoming = Rencontres à venir
report-no-meetup = Aucune rencontre prévue pour l'instant.
export-title = Exporter en CSV
export-lead = Fichiers CSV (UTF-8, séparés par des virgules) pour LibreOffice ou Excel, filtrés comme ce tableau de bord. Aucune adresse, aucun nom de participant, aucun texte de revue.
export-projects = Projets
export-milestones = Jalons
export-journal = Nouvelles publiques
export-meetups = Rencontres et participation
export-needs = Besoins et mises en relation (nombres)

# -- french (2)
date-today = aujourd'hui
date-tomorrow = demain
date-yesterday = hier

# -- api
footer-open-data = Données ouvertes
open-data-title = Données ouvertes
open-data-intro = Les projets publics de chaque édition, leurs jalons et la continuité du programme sont publiés en données ouvertes : des tableaux CSV décrits par un paquet de données (Frictionless Data Package), à une adresse qui ne change pas.
open-data-licence = Licence des données :
open-data-editions = Par édition
open-data-none = Aucune édition pour l'instant.
open-data-package = Le paquet de données (datapackage.json)
open-data-projects = Les projets publics (CSV)
open-data-milestones = Leurs jalons (CSV)
open-data-continuity = La continuité : part des projets actifs 1 à 12 mois après le marathon (CSV)
open-data-api-title = API publique
open-data-api-intro = Les éditions, les villes, les projets publics (jalons, étape, licence, liens, besoins ouverts), leur journal public et les rencontres se lisent aussi en JSON sous /api/v1, sans clé et depuis n'importe quel site. La description OpenAPI 3.1 est faite à partir du code : elle ne peut pas s'en écarter.
open-data-api-document = La description de l'API (OpenAPI 3.1)
open-data-api-rules = Les listes sont paginées (page et per_page, { $max } au plus) et filtrées comme la galerie. Chaque réponse porte un ETag : renvoyez-le dans If-None-Match pour recevoir 304 s'il n'y a rien de neuf. Une erreur répond toujours par le même objet JSON « error », avec un code et un message.
confirm-convert-poll-title = Fixer « { $title } » au { $date } ?
confirm-convert-poll-told = { $count ->
    [0] Personne n'a été invité au sondage : personne ne recevra de message.
    [one] La personne invitée au sondage recevra une invitation par e-mail, avec le fichier d'agenda.
   *[other] Les { $count } personnes invitées au sondage recevront une invitation par e-mail, avec le fichier d'agenda.
}
confirm-convert-poll-final = Le sondage sera clos : les autres dates ne pourront plus être choisies.
confirm-convert-poll-submit = Fixer la rencontre et envoyer les invitations
profile-time-zone-city = Celui de ma ville
zone-group-cities = Villes du programme
zone-region-europe = Europe
zone-region-africa = Afrique
zone-region-america = Amériques
zone-region-asia = Asie
zone-region-atlantic = Océan Atlantique
zone-region-indian = Océan Indien
zone-region-pacific = Océan Pacifique
zone-region-australia = Australie
zone-region-antarctica = Antarctique
error-time-zone-not-listed = Choisissez un fuseau horaire dans la liste.
feed-programme = Nouvelles de tous les projets (Atom)
feed-videos = Vidéos explicatives (Atom)
feed-project = Journal de { $title } (Atom)
feed-city-calendar = Rencontres de { $city } (agenda)
subscribe = S'abonner
subscribe-address = Adresse de l'agenda à copier
meetups-subscribe-title = Les rencontres dans votre agenda
meetups-subscribe-lead = « S'abonner » ouvre votre application d'agenda, qui suivra ensuite les rencontres de la ville, leurs changements et annulations. Sinon, copiez l'adresse dans votre agenda.
rsvp-attendance-of = Présence de { $name }

# -- lead
poll-slot-date = Jour du créneau { $n }
poll-slot-time = Heure du créneau { $n }
poll-more-slots = Ajouter des lignes
error-slot-incomplete = Un créneau a un jour sans heure, ou une heure sans jour.
error-time-skipped = Cette heure n'existe pas ce jour-là : les horloges avancent d'une heure pour l'heure d'été.
licence-mit = Licence MIT
licence-apache-2-0 = Licence Apache 2.0
licence-bsd-3-clause = Licence BSD à trois clauses
licence-gpl-3-0-or-later = GNU GPL v3 ou version ultérieure
licence-agpl-3-0-or-later = GNU AGPL v3 ou version ultérieure
licence-lgpl-3-0-or-later = GNU LGPL v3 ou version ultérieure
licence-mpl-2-0 = Licence publique Mozilla 2.0
licence-eupl-1-2 = Licence publique de l'Union européenne 1.2
licence-cecill-2-1 = CeCILL 2.1
licence-cc0-1-0 = Creative Commons Zéro 1.0 (domaine public)
licence-cc-by-4-0 = Creative Commons Attribution 4.0
licence-cc-by-sa-4-0 = Creative Commons Attribution – Partage dans les mêmes conditions 4.0
licence-etalab-2-0 = Licence Ouverte / Etalab 2.0
licence-odbl-1-0 = Licence ouverte de bases de données (ODbL) 1.0
quoted = « { $text } »
text-size-large = Texte plus grand
text-size-normal = Texte de taille normale
# -- french
filters-more = { $count ->
    [0] Plus de filtres
    [one] Filtres (1 choisi)
   *[other] Filtres ({ $count } choisis)
}
