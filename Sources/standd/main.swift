import StandApp
