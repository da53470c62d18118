// What the alerts feature exports for other features: the only file of alerts another feature may import.
export { publicAlertLocations, publicAlerts } from './alerts.repository.js'
export { alertPath } from './public-alert.js'
