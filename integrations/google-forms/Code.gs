/**
 * Sends each response of this Google Form to enerpize-bridge, which makes (or updates) the
 * client in Enerpize. Google Forms has no webhooks of its own, so this script plays the part:
 * an installable "on form submit" trigger posts the answers to the bridge's /forms/webhook
 * route, signed the Standard Webhooks way (https://www.standardwebhooks.com/).
 *
 * Setup (details in README.md beside this file):
 *   1. In the form's editor: ⋮ → Apps Script, and paste this file over Code.gs.
 *   2. Project Settings → Script Properties: BRIDGE_URL (…/forms/webhook) and WEBHOOK_SECRET
 *      (the same whsec_… value as the bridge's WEBHOOK_SECRET).
 *   3. Run `install` once and allow the permissions it asks for.
 *   4. Run `sendLatestResponse` to check the connection with the form's newest response.
 */

/** How often a delivery is tried before the trigger reports a failure to the form's owner. */
var ATTEMPTS = 4

/** Creates the "on form submit" trigger, once; running it again changes nothing. */
function install() {
  var form = FormApp.getActiveForm()
  var exists = ScriptApp.getProjectTriggers().some(function (trigger) {
    return trigger.getHandlerFunction() === 'onFormSubmit'
  })
  if (!exists) ScriptApp.newTrigger('onFormSubmit').forForm(form).onFormSubmit().create()
  settings_()
  console.log('Installed: every new response of "' + form.getTitle() + '" goes to the bridge.')
}

/** The trigger: sends the response that was just submitted. */
function onFormSubmit(e) {
  send_(e.response)
}

/** Sends the form's newest response, to check the setup. */
function sendLatestResponse() {
  var responses = FormApp.getActiveForm().getResponses()
  if (responses.length === 0) throw new Error('The form has no responses yet: submit one first.')
  send_(responses[responses.length - 1])
}

/** The script properties the bridge needs, checked. */
function settings_() {
  var properties = PropertiesService.getScriptProperties()
  var url = properties.getProperty('BRIDGE_URL')
  var secret = properties.getProperty('WEBHOOK_SECRET')
  if (!url || !/^https:\/\//.test(url)) {
    throw new Error('Set the script property BRIDGE_URL to https://…/forms/webhook')
  }
  if (!secret || !/^whsec_[A-Za-z0-9+/=]+$/.test(secret)) {
    throw new Error('Set the script property WEBHOOK_SECRET to the bridge’s whsec_… secret')
  }
  return { url: url, secret: secret }
}

/**
 * The response as the body the bridge reads: the Standard Webhooks envelope, with one field per
 * question, keyed by the question's title. A checkbox question's answers become a list, a grid's
 * rows an object; the respondent's e-mail, when the form collects it, is "Email address".
 */
function bodyFor_(response) {
  var data = {}
  var email = response.getRespondentEmail()
  if (email) data['Email address'] = email
  response.getItemResponses().forEach(function (itemResponse) {
    var item = itemResponse.getItem()
    var answer = itemResponse.getResponse()
    var type = item.getType()
    if (type === FormApp.ItemType.GRID || type === FormApp.ItemType.CHECKBOX_GRID) {
      var rows =
        type === FormApp.ItemType.GRID
          ? item.asGridItem().getRows()
          : item.asCheckboxGridItem().getRows()
      var byRow = {}
      rows.forEach(function (row, index) {
        var cell = answer ? answer[index] : null
        if (cell !== null && cell !== undefined) byRow[row] = cell
      })
      answer = byRow
    }
    data[item.getTitle() || 'Question ' + item.getIndex()] = answer
  })
  return JSON.stringify({
    type: 'google_forms.response',
    timestamp: response.getTimestamp().toISOString(),
    data: data,
  })
}

/**
 * The three Standard Webhooks headers: the id (the response's own, so a resend is recognised
 * as the same submission), the time in seconds, and `v1,` with the base64 HMAC-SHA256 of
 * "{id}.{timestamp}.{body}" keyed with the base64-decoded part of the secret after `whsec_`.
 */
function signedHeaders_(id, body, secret, nowSeconds) {
  var timestamp = String(nowSeconds)
  var key = Utilities.base64Decode(secret.replace(/^whsec_/, ''))
  var content = Utilities.newBlob(id + '.' + timestamp + '.' + body).getBytes()
  var signature = Utilities.computeHmacSignature(Utilities.MacAlgorithm.HMAC_SHA_256, content, key)
  return {
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': 'v1,' + Utilities.base64Encode(signature),
  }
}

/**
 * Posts one response, signed afresh for each attempt, retrying while the bridge answers 429 or
 * 5xx (or cannot be reached). A 2xx, including "duplicate", means the bridge has it. Anything
 * else is thrown, so Google e-mails the form's owner about the failed trigger.
 */
function send_(response) {
  var settings = settings_()
  var id = 'gforms_' + response.getId()
  var body = bodyFor_(response)
  var payload = Utilities.newBlob(body).getBytes()
  var last = ''

  for (var attempt = 1; attempt <= ATTEMPTS; attempt++) {
    var headers = signedHeaders_(id, body, settings.secret, Math.floor(Date.now() / 1000))
    try {
      var reply = UrlFetchApp.fetch(settings.url, {
        method: 'post',
        contentType: 'application/json',
        payload: payload,
        headers: headers,
        muteHttpExceptions: true,
        followRedirects: false,
      })
      var status = reply.getResponseCode()
      if (status >= 200 && status < 300) return
      last = 'the bridge answered ' + status + ': ' + reply.getContentText().slice(0, 500)
      if (status !== 429 && status < 500) break
    } catch (error) {
      last = 'the bridge could not be reached: ' + error
    }
    if (attempt < ATTEMPTS) Utilities.sleep(2000 * attempt)
  }
  throw new Error('Response ' + response.getId() + ' was not delivered: ' + last)
}
